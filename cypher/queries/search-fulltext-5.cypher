// Search through the full-text index (CJK bigrams) on Neo4j 5; candidates are then held to substring
// semantics and ranked like search.cypher. Texts shorter than two characters use search.cypher.
CALL db.index.fulltext.queryNodes('node_search', $query, {limit: 1000}) YIELD node AS n
WITH n
WHERE ($kinds IS NULL OR n.kind IN $kinds)
  AND (toLower(n.name) CONTAINS $text
    OR toLower(coalesce(n.nameEn, '')) CONTAINS $text
    OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $text))
WITH n, [t IN [n.name, coalesce(n.nameEn, '')] + coalesce(n.aliases, []) | toLower(t)] AS texts
WITH n, CASE
    WHEN any(t IN texts WHERE t = $text) THEN 0
    WHEN any(t IN texts WHERE t STARTS WITH $text) THEN 1
    ELSE 2 END AS rank
RETURN n {.id, .kind, .key, .name, .nameEn, .aliases, .props, .createdAt, .updatedAt} AS node
ORDER BY rank, size(n.name), n.id
LIMIT $limit
