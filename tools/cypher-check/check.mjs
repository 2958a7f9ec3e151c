// Lints every cypher/**/*.cypher file with Neo4j's own parser and semantic analysis, against the
// project's catalog (labels, relationship types, property keys, parameters) read from the C# model.
// Files ending in -3x.cypher use Neo4j 3.x-only syntax and are skipped: this check is for Neo4j 5.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Placeholder tokens the store replaces with catalog names or built expressions (see the files).
export const placeholders = {
  '$$LABEL$$': 'Enterprise',
  '$$TYPE$$': 'SUBSIDIARY_OF',
  '$$TYPES$$': ':SUBSIDIARY_OF|PAIRED_WITH',
  // A link condition as Neo4jFilters builds one (some / all / single, a link property, a nested one at the other end), so the
  // constructs the list filters use are checked too.
  '$$FILTER$$': 'size([(n)-[r1:`PAIRED_WITH`]->(m1:Node) WHERE r1.startDate >= $f0 AND '
    + 'size([(m1)<-[r2:`APPLIES_TO`]-(m2:Node) WHERE NOT coalesce(m2.kind IN $f1, false) | 1]) = 0 | 1]) > 0 '
    + 'AND size([(n)-[r3:`CO_BUILDS`]-(m3:Node) WHERE r3.source = $f0 | 1]) = 1',
  '$$ORDER$$': 'n.id',
  '$$KINDS$$': 'n.kind IN $kinds',
  '$$KEY$$': 'creditCode',
  '$$LINK$$': '-[r:`PAIRED_WITH`]->',
};

// Every parameter name the store passes.
const parameters = ['ids', 'id', 'fromId', 'kinds', 'kind', 'type', 'types', 'skip', 'take', 'text', 'query',
  'limit', 'rows', 'out', 'in', 'after', 'size', 'file', 'f0', 'f1', 'commit', 'version', 'at', 'subject', 'entry', 'nodeIds',
  'nodeId', 'first', 'newestFirst', 'years', 'dims', 'fieldMap', 'regionLevel', 'figures'];

export function catalog() {
  const model = join(root, 'src', 'Graph.Domain', 'Model');
  const kinds = readFileSync(join(model, 'NodeKind.cs'), 'utf8');
  // The catalog: the node kinds' properties and the link types, each in its file beside GraphCatalog.cs.
  const schema = ['GraphCatalog.cs', 'NodeKindCatalog.cs', 'LinkTypeCatalog.cs', 'CatalogProperties.cs']
    .map((file) => readFileSync(join(model, file), 'utf8')).join('\n');
  const labels = [...kinds.matchAll(/^\s+([A-Z][A-Za-z]+),\s*$/gm)].map((m) => m[1]);
  const relationshipTypes = [...schema.matchAll(/new\(LinkType\.\w+, "([A-Z_]+)"/g)].map((m) => m[1]);
  const props = [...schema.matchAll(/(?:Text|Int|Money|Percent|Flag|Day|Choice)\("(\w+)"|new\("(\w+)", PropertyType/g)]
    .map((m) => m[1] ?? m[2]);
  const core = ['id', 'kind', 'key', 'name', 'nameEn', 'aliases', 'aliasText', 'props', 'createdAt', 'updatedAt',
    'startDate', 'endDate', 'source', 'version', 'locked', 'lockedVersion', 'lastCommit', 'searchText', 'fromId', 'toId', 'type',
    // The journal's entries.
    'at', 'subject', 'entry', 'nodeIds',
    // Columns of the CSV import format read by cypher/import.
    'from', 'to'];
  return {
    labels: [...labels, 'Node', 'Meta', 'Journal'],
    relationshipTypes,
    propertyKeys: [...new Set([...core, ...props])],
    parameters: Object.fromEntries(parameters.map((p) => [p, null])),
    functions: testData.mockSchema.functions,
    procedures: testData.mockSchema.procedures,
  };
}

export function substitute(text) {
  let out = text;
  for (const [token, value] of Object.entries(placeholders)) out = out.split(token).join(value);
  return out;
}

/** The errors of one statement file, each as "file:line: message". */
export function lint(file, text, schema) {
  const query = substitute(text);
  const { diagnostics } = lintCypherQuery(query, schema);
  return diagnostics
    // Warnings count too: an unknown label, type or property key is a misspelling of the closed catalog.
    .filter((d) => d.severity === 1 || d.severity === 2)
    .map((d) => `${file}:${d.range.start.line + 1}: ${d.message}`);
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.cypher') ? [path] : [];
  });
}

export function checkAll() {
  const schema = catalog();
  const errors = [];
  let checked = 0;
  for (const path of files(join(root, 'cypher')).sort()) {
    const file = relative(root, path);
    if (path.endsWith('-3x.cypher')) {
      console.log(`skip ${file} (Neo4j 3.x syntax)`);
      continue;
    }
    checked++;
    errors.push(...lint(file, readFileSync(path, 'utf8'), schema));
  }
  return { checked, errors };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { checked, errors } = checkAll();
  for (const e of errors) console.error(e);
  console.log(`${checked} Cypher files checked, ${errors.length} errors`);
  process.exit(errors.length > 0 ? 1 : 0);
}
