// The operations of the HTTP benchmark, found in the loaded data: writes each one's POST body to
// <out>/<n>.json and lists them in <out>/operations.tsv (file, name, variables), after checking that each
// answers without errors. Usage: node operations.mjs <base url> <out folder>. Needs Node 18 or later, no packages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl = 'http://127.0.0.1:5080', out = 'operations'] = process.argv.slice(2);
const endpoint = `${baseUrl}/graphql`;
const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

async function post(body) {
  const response = await fetch(endpoint, { method: 'POST', headers, body });
  const result = await response.json();
  if (response.status !== 200 || result.errors) {
    throw new Error(`${response.status} ${JSON.stringify(result.errors ?? result)}\nfor ${body}`);
  }
  return result.data;
}

// A real enterprise with links: among high-tech enterprises with the most invention patents, the first with pairings.
const candidates = await post(JSON.stringify({ query: `{ enterprises(where: { highTech: { eq: true } }, order: [{ inventionPatents: DESC }], first: 50) {
  nodes { id name region { code level parent { code } } pairings { totalCount } } } }` }));
const enterprise = candidates.enterprises.nodes.find(e => e.pairings.totalCount > 0);
if (!enterprise) throw new Error('no high-tech enterprise with pairings in the data');
// The list is of the enterprise's city (地级市), its districts and counties included.
const city = enterprise.region.level === 'COUNTY' ? enterprise.region.parent.code : enterprise.region.code;

const search = `query Search($text: String!) { search(text: $text, first: 20) { id ... on Organization { name } } }`;
const operations = [
  {
    name: '(a) enterprise by id with its links',
    query: `query Enterprise($id: ID!) { node(id: $id) { id ... on Enterprise { name creditCode region { name } fields { name }
      pairings(first: 10) { totalCount edges { node { name } link { startDate source } } }
      hostedPlatforms(first: 10) { nodes { name level } }
      memberships(first: 10) { nodes { name } }
      projects(first: 10) { nodes { name } } } } }`,
    variables: { id: enterprise.id },
  },
  {
    name: '(b) filtered, paged list',
    query: `query List($region: String!) { enterprises(where: { region: { eq: $region }, highTech: { eq: true } },
      order: [{ name: ASC }], first: 20) { totalCount pageInfo { hasNextPage endCursor }
      nodes { id name creditCode region { name } fields { name } } } }`,
    variables: { region: city },
  },
  { name: '(c) search, 2 characters', query: search, variables: { text: enterprise.name.slice(0, 2) } },
  { name: '(c) search, full name', query: search, variables: { text: enterprise.name } },
];

mkdirSync(out, { recursive: true });
const list = [];
for (const [i, op] of operations.entries()) {
  const body = JSON.stringify({ query: op.query, variables: op.variables });
  const data = await post(body);
  const file = join(out, `${i + 1}.json`);
  writeFileSync(file, body);
  const variables = Object.entries(op.variables).map(([k, v]) => `${k} = ${v}`).join(', ');
  list.push([file, op.name, `${variables} (${JSON.stringify(data).length} bytes of data)`].join('\t'));
}
writeFileSync(join(out, 'operations.tsv'), list.join('\n') + '\n');
