// The operations of the HTTP benchmark, found in the loaded data: writes each one's POST bodies to
// <out>/<n>.jsonl (one JSON body per line; post.lua sends them in turn) and lists them in <out>/operations.tsv
// (file, name, variables), after checking that each body answers without errors.
// Usage: node operations.mjs <base url> <out folder> [enterprises for (a), default 200]. Needs Node 18 or later, no packages.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl = 'http://127.0.0.1:5080', out = 'operations', rotation = '200'] = process.argv.slice(2);
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

// Real enterprises with links: the high-tech enterprises with the most invention patents that have pairings. (a) rotates
// over them so that no cache of one enterprise's answer can flatter it; (b) and (c) use the first one.
const wanted = Number(rotation);
const enterprises = [];
for (let after = null; enterprises.length < wanted;) {
  const page = await post(JSON.stringify({
    query: `query Candidates($after: String) { enterprises(where: { highTech: { eq: true } }, order: [{ inventionPatents: DESC }],
      first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name region { code level parent { code } } pairings { totalCount } } } }`,
    variables: { after },
  }));
  enterprises.push(...page.enterprises.nodes.filter(e => e.pairings.totalCount > 0));
  if (!page.enterprises.pageInfo.hasNextPage) break;
  after = page.enterprises.pageInfo.endCursor;
}
if (enterprises.length === 0) throw new Error('no high-tech enterprise with pairings in the data');
enterprises.splice(wanted);
const enterprise = enterprises[0];
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
    variables: enterprises.map(e => ({ id: e.id })),
    what: `${enterprises.length} enterprises in turn, from ${enterprise.id}`,
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
  const bodies = [op.variables].flat().map(variables => JSON.stringify({ query: op.query, variables }));
  let bytes = 0;
  for (const body of bodies) bytes += JSON.stringify(await post(body)).length;
  const file = join(out, `${i + 1}.jsonl`);
  writeFileSync(file, bodies.join('\n') + '\n');
  const what = op.what ?? Object.entries(op.variables).map(([k, v]) => `${k} = ${v}`).join(', ');
  list.push([file, op.name, `${what} (${Math.round(bytes / bodies.length)} bytes of data per response)`].join('\t'));
}
writeFileSync(join(out, 'operations.tsv'), list.join('\n') + '\n');
