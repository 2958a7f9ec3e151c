// Load benchmark of POST /graphql with autocannon: requests/s and p50/p99 latency of each operation at
// 1, 8 and 32 connections. Usage: node bench.mjs <base url> [seconds per run]
// Every response is checked: a status other than 200 or a body with "errors" is counted and fails the run.
import autocannon from 'autocannon';
import { loadavg } from 'node:os';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:5080';
const seconds = Number(process.argv[3] ?? 10);
const connectionCounts = [1, 8, 32];
const endpoint = `${baseUrl}/graphql`;
const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

async function post(query, variables) {
  const response = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    throw new Error(`${response.status} ${JSON.stringify(body.errors ?? body)}\nfor ${query}`);
  }
  return body.data;
}

// A real enterprise with links: among high-tech enterprises with the most invention patents, the first with pairings.
const candidates = await post(`{ enterprises(where: { highTech: { eq: true } }, order: [{ inventionPatents: DESC }], first: 50) {
  nodes { id name region { code level parent { code } } pairings { totalCount } } } }`);
const enterprise = candidates.enterprises.nodes.find(e => e.pairings.totalCount > 0);
if (!enterprise) throw new Error('no high-tech enterprise with pairings in the data');
// The list is of the enterprise's city (地级市), its districts and counties included.
const city = enterprise.region.level === 'COUNTY' ? enterprise.region.parent.code : enterprise.region.code;

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
  {
    name: '(c) search, 2 characters',
    query: `query Search($text: String!) { search(text: $text, first: 20) { id ... on Organization { name } } }`,
    variables: { text: enterprise.name.slice(0, 2) },
  },
  {
    name: '(c) search, full name',
    query: `query Search($text: String!) { search(text: $text, first: 20) { id ... on Organization { name } } }`,
    variables: { text: enterprise.name },
  },
];

function describe(op) {
  return Object.entries(op.variables).map(([k, v]) => `${k} = ${v}`).join(', ');
}

async function load(op, connections, duration) {
  let failed = 0;
  let firstFailure;
  const result = await autocannon({
    url: endpoint,
    connections,
    duration,
    requests: [{
      method: 'POST',
      headers,
      body: JSON.stringify({ query: op.query, variables: op.variables }),
      onResponse: (status, body) => {
        if (status !== 200 || body.includes('"errors"')) {
          failed++;
          firstFailure ??= `${status} ${body.slice(0, 300)}`;
        }
      },
    }],
  });
  return { result, failed, firstFailure };
}

const load1 = () => loadavg()[0].toFixed(2);
console.log(`endpoint ${endpoint}, ${seconds} s per run, load average ${load1()} at start`);
const rows = [];
let failures = 0;
for (const op of operations) {
  const sample = await post(op.query, op.variables);
  const size = JSON.stringify(sample).length;
  console.log(`${op.name}: ${describe(op)} (${size} bytes of data)`);
  await load(op, 8, 2); // warm-up, not reported
  for (const connections of connectionCounts) {
    const { result, failed, firstFailure } = await load(op, connections, seconds);
    const bad = failed + result.errors + result.timeouts;
    failures += bad;
    if (firstFailure) console.error(`  ${connections} connections: ${failed} failed responses, e.g. ${firstFailure}`);
    rows.push({
      operation: op.name,
      connections,
      'requests/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      requests: result.requests.total,
      failed: bad,
      load: load1(),
    });
  }
}

console.table(rows);
console.log('\n| operation | connections | requests/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.operation} | ${r.connections} | ${r['requests/s'].toLocaleString('en')} | ${r['p50 ms']} | ${r['p99 ms']} |`);
}
console.log(`\nload average ${loadavg().map(l => l.toFixed(2)).join(' ')} at end`);
if (failures > 0) {
  console.error(`${failures} requests failed`);
  process.exit(1);
}
