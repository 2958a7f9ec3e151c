// Loads the CSV import format (docs/import-format.md) with LOAD CSV, one file per statement.
// Run the first statement once per node file, then the second once per link file, with the
// placeholders replaced by hand: $$LABEL$$ = the kind (Enterprise, …), $$KEY$$ = its key column
// (creditCode for Enterprise, code for Region and Field, key otherwise), $$TYPE$$ = the link type
// (SUBSIDIARY_OF, …); $file = the file's URL (file:///nodes/Enterprise.csv under Neo4j's import folder).
// Property values arrive as text (tag "s" in props); the service's `import` command checks the rows
// and stores typed values, so prefer it unless LOAD CSV is required. Neo4j 5 (datetime()).

// Nodes of one kind.
LOAD CSV WITH HEADERS FROM $file AS row
WITH row, '$$LABEL$$' AS kind, row.$$KEY$$ AS key
WHERE key IS NOT NULL AND key <> ''
WITH row, kind, key,
  [k IN keys(row) WHERE NOT k IN ['$$KEY$$', 'name', 'nameEn', 'aliases'] AND coalesce(row[k], '') <> ''] AS names
MERGE (n:Node {id: kind + ':' + key})
ON CREATE SET n.createdAt = toString(datetime())
SET n += row
SET n:$$LABEL$$,
  n.kind = kind,
  n.key = key,
  n.nameEn = CASE WHEN coalesce(row.nameEn, '') = '' THEN null ELSE row.nameEn END,
  n.aliases = CASE WHEN coalesce(row.aliases, '') = '' THEN [] ELSE split(row.aliases, ';') END,
  n.aliasText = replace(coalesce(row.aliases, ''), ';', ' '),
  n.updatedAt = toString(datetime()),
  n.props = '{' + reduce(s = '', k IN names |
    s + CASE WHEN s = '' THEN '' ELSE ',' END + '"' + k + '":["s","'
      + replace(replace(row[k], '\\', '\\\\'), '"', '\\"') + '"]') + '}'
// What search looks in first, as upsert-nodes.cypher computes it.
SET n.searchText = toLower(reduce(text = coalesce(n.name, '') + '\n' + coalesce(n.nameEn, ''), alias IN coalesce(n.aliases, []) | text + '\n' + alias));

// Links of one type (from and to are node ids).
LOAD CSV WITH HEADERS FROM $file AS row
WITH row, '$$TYPE$$' + '|' + row.from + '|' + row.to + CASE WHEN coalesce(row.key, '') = '' THEN '' ELSE '|' + row.key END AS id,
  [k IN keys(row) WHERE NOT k IN ['from', 'to', 'key', 'startDate', 'endDate', 'source'] AND coalesce(row[k], '') <> ''] AS names
MATCH (a:Node {id: row.from})
WITH row, id, names, a
MATCH (b:Node {id: row.to})
MERGE (a)-[r:$$TYPE$$ {id: id}]->(b)
ON CREATE SET r.createdAt = toString(datetime())
SET r += row
SET r.updatedAt = toString(datetime()),
  r.props = '{' + reduce(s = '', k IN names |
    s + CASE WHEN s = '' THEN '' ELSE ',' END + '"' + k + '":["s","'
      + replace(replace(row[k], '\\', '\\\\'), '"', '\\"') + '"]') + '}';

// The data version moves, so running services reload.
MERGE (m:Meta {id: 'meta'})
ON CREATE SET m.version = 0
SET m.version = m.version + 1;
