// The soak: `connections` clients for `seconds`, each sending reads, writes and collaboration queries mixed, then the
// checks: no errors, every acknowledged write read back, no view rebuilt (the service's log), p50/p99 per kind, and
// the service's resident memory sampled every 5 s.
// Usage: node soak.mjs <base url> <editor token> <seconds> <connections> <service pid> <service log> [result json]
// Needs Node 18 or later, no packages.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const [baseUrl, token, secondsText = '60', connectionsText = '16', pidText, logPath, resultPath] = process.argv.slice(2);
const seconds = Number(secondsText);
const connections = Number(connectionsText);
const pid = Number(pidText);
const endpoint = `${baseUrl}/graphql`;
const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
const editorHeaders = { ...headers, authorization: `Bearer ${token}` };

async function send(query, variables, asEditor = false) {
  const response = await fetch(endpoint, { method: 'POST', headers: asEditor ? editorHeaders : headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let result;
  try { result = JSON.parse(text); } catch { result = { errors: [{ message: text.slice(0, 200) }] }; }
  return { status: response.status, data: result.data, errors: result.errors };
}

async function must(query, variables, asEditor) {
  const { status, data, errors } = await send(query, variables, asEditor);
  if (status !== 200 || errors) throw new Error(`${status} ${JSON.stringify(errors)} for ${query}`);
  return data;
}

// ---- the operations, found in the loaded data ----
const found = await must(`{ enterprises(where: { highTech: { eq: true } }, order: [{ inventionPatents: DESC }], first: 200) {
  nodes { id name region { code level parent { code } } } }
  universities(first: 50) { nodes { id } } }`);
const enterprises = found.enterprises.nodes;
const universities = found.universities.nodes.map(u => u.id);
if (enterprises.length === 0 || universities.length === 0) throw new Error('no enterprises or universities in the data');
const cities = [...new Set(enterprises.map(e => (e.region.level === 'COUNTY' ? e.region.parent.code : e.region.code)))];
const pick = list => list[Math.floor(Math.random() * list.length)];

const reads = {
  'read: enterprise with links': () => [`query($id: ID!) { node(id: $id) { id ... on Enterprise { name creditCode region { name } fields { name }
      pairings(first: 10) { totalCount edges { node { name } link { startDate } } } hostedPlatforms(first: 10) { nodes { name } } } } }`, { id: pick(enterprises).id }],
  'read: filtered list': () => [`query($region: String!) { enterprises(where: { region: { eq: $region } }, order: [{ name: ASC }], first: 20) {
      totalCount nodes { id name creditCode } } }`, { region: pick(cities) }],
  'read: search': () => [`query($text: String!) { search(text: $text, first: 20) { id ... on Organization { name } } }`, { text: pick(enterprises).name.slice(0, 2) }],
};
const collaboration = {
  'collaboration: collaborators, depth 2': () => [`query($of: ID!) { collaborators(of: $of, depth: 2, first: 20) { edges { distance weight node { id name } } } }`, { of: pick(enterprises).id }],
  'collaboration: city network': () => [`query($region: String!) { collaborationNetwork(where: { region: $region }) {
      statistics { nodes edges components } ties(first: 50) { nodes { sourceId targetId weight } } } }`, { region: pick(cities) }],
};

// ---- the writes: each acknowledged one is remembered and read back at the end ----
// A credit code of the bench's own (registration authority 9, enterprise 1, 柳州 450200): 9 digits of worker and count,
// then GB 32100's check character.
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(worker, n) {
  const first17 = `91450200${String(worker).padStart(3, '0')}${String(n).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * (3 ** i % 31);
  const check = 31 - (sum % 31);
  return first17 + alphabet[check === 31 ? 0 : check];
}
const run = Date.now().toString(36);
const acknowledged = new Map(); // enterprise id → { name, partner, version, worker }
const deleted = new Set(); // enterprise ids whose delete was acknowledged
let conflicts = 0;
let writesAcknowledged = 0;

// Each client keeps a bounded pool of enterprises of its own: once the pool is full, a new enterprise replaces the
// oldest in the same batch, so the graph stays the same size and resident memory can be judged flat or not.
const poolSize = 4;
const pools = new Map(); // worker → enterprise ids, oldest first

async function newEnterpriseWithPairing(worker, n) {
  const code = creditCode(worker, n);
  const id = `Enterprise:${code}`;
  const name = `压测企业 ${run}-${worker}-${n}`;
  const partner = pick(universities);
  const pool = pools.get(worker) ?? [];
  pools.set(worker, pool);
  const oldest = pool.length >= poolSize ? pool[0] : null;
  const { status, data, errors } = await send(`mutation($operations: [BatchOperationInput!]!) { applyBatch(operations: $operations) { dataVersion } }`, {
    operations: [
      ...(oldest ? [{ deleteNode: oldest }] : []),
      { upsertEnterprise: { creditCode: code, name, region: '450200' } },
      { linkPairedWith: { from: id, to: partner, startDate: '2024-01-01' } },
    ],
  }, true);
  if (status === 200 && !errors && data?.applyBatch?.dataVersion) {
    if (oldest) {
      pool.shift();
      acknowledged.delete(oldest);
      deleted.add(oldest);
    }
    writesAcknowledged++;
    pool.push(id);
    acknowledged.set(id, { name, partner, version: data.applyBatch.dataVersion, worker });
  }
  return { status, errors };
}

// A rename guarded per record, as a client that reads, edits and writes back does: the enterprise's `version` is read
// with its name and given back as `expectedVersion`, so the rename fails only if that enterprise changed since. Every
// client renames only its own enterprises, so any CONFLICT here would be a false one: it is counted as an error.
// That nothing of a refused rename was written is checked at the end with the rest: the name read back must be the
// last acknowledged one.
async function guardedRename(worker, n) {
  const own = pools.get(worker) ?? [];
  if (own.length === 0) return newEnterpriseWithPairing(worker, n);
  const id = pick(own);
  const entry = acknowledged.get(id);
  const read = await send('query($id: ID!) { node(id: $id) { ... on Enterprise { name version } } }', { id });
  if (read.status !== 200 || read.errors || !read.data?.node) return read.errors ? read : { status: read.status, errors: [{ message: `${id} not found` }] };
  const name = `${read.data.node.name.split(' / ')[0]} / 更名 ${n}`;
  const result = await send(`mutation($input: EnterpriseInput!, $expected: Long) { upsertEnterprise(input: $input, expectedVersion: $expected) { dataVersion } }`,
    { input: { creditCode: id.slice('Enterprise:'.length), name, region: '450200' }, expected: read.data.node.version }, true);
  if (result.errors?.some(e => e.extensions?.code === 'CONFLICT')) conflicts++;
  if (result.status === 200 && !result.errors) {
    writesAcknowledged++;
    acknowledged.set(id, { ...entry, name, version: result.data.upsertEnterprise.dataVersion });
  }
  return result;
}

// ---- the mix: 50 % reads, 20 % writes, 30 % collaboration ----
const mix = [
  ...Object.entries(reads).map(([kind, make]) => ({ kind, weight: 50 / 3, make })),
  ...Object.entries(collaboration).map(([kind, make]) => ({ kind, weight: 15, make })),
  { kind: 'write: new enterprise + pairing (oldest of the pool deleted)', weight: 12, write: newEnterpriseWithPairing },
  { kind: 'write: read version, rename with expectedVersion', weight: 8, write: guardedRename },
];
const totalWeight = mix.reduce((s, m) => s + m.weight, 0);
function choose() {
  let r = Math.random() * totalWeight;
  for (const m of mix) if ((r -= m.weight) < 0) return m;
  return mix[mix.length - 1];
}

const latencies = new Map(mix.map(m => [m.kind, []]));
const errors = [];
function rss() {
  try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024; } catch { return NaN; }
}
function viewBuilds() {
  return (readFileSync(logPath, 'utf8').match(/View \S+ built from the store/g) ?? []).length;
}

const buildsBefore = viewBuilds();
const memory = [];
const started = Date.now();
const deadline = started + seconds * 1000;
const sampler = setInterval(() => memory.push({ second: Math.round((Date.now() - started) / 1000), mib: rss(), load: loadavg()[0] }), 5000);
memory.push({ second: 0, mib: rss(), load: loadavg()[0] });

async function client(worker) {
  for (let n = 0; Date.now() < deadline; n++) {
    const op = choose();
    const t0 = performance.now();
    let result;
    try {
      result = op.write ? await op.write(worker, n) : await send(...op.make());
    } catch (error) {
      result = { status: 0, errors: [{ message: String(error) }] };
    }
    latencies.get(op.kind).push(performance.now() - t0);
    if (result.status !== 200 || result.errors) errors.push({ kind: op.kind, status: result.status, errors: result.errors });
  }
}
await Promise.all(Array.from({ length: connections }, (_, worker) => client(worker)));
clearInterval(sampler);
memory.push({ second: Math.round((Date.now() - started) / 1000), mib: rss(), load: loadavg()[0] });
const elapsed = (Date.now() - started) / 1000;

// ---- after: every acknowledged write read back (its last acknowledged name and its pairing; a deleted one gone) ----
let lost = 0;
const gone = [...deleted];
for (let i = 0; i < gone.length; i += 100) {
  const data = await must(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: gone.slice(i, i + 100) });
  data.nodes.forEach((node, j) => {
    if (node) {
      lost++;
      if (lost <= 5) console.error(`lost delete: ${gone[i + j]} is still there`);
    }
  });
}
const ids = [...acknowledged.keys()];
for (let i = 0; i < ids.length; i += 100) {
  const batch = ids.slice(i, i + 100);
  const data = await must(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Enterprise { name pairings(first: 5) { nodes { id } } } } }`, { ids: batch });
  data.nodes.forEach((node, j) => {
    const expected = acknowledged.get(batch[j]);
    if (!node || node.name !== expected.name || !node.pairings.nodes.some(p => p.id === expected.partner)) {
      lost++;
      if (lost <= 5) console.error(`lost: ${batch[j]} expected ${JSON.stringify(expected)}, read ${JSON.stringify(node)}`);
    }
  });
}
const rebuilds = viewBuilds() - buildsBefore;

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
const kinds = [...latencies].map(([kind, list]) => {
  const sorted = [...list].sort((a, b) => a - b);
  return { kind, requests: list.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
});
const all = [...latencies.values()].flat().sort((a, b) => a - b);
const warm = memory.filter(m => m.second >= Math.min(60, seconds / 4));
// Flat or not: the least-squares slope of resident memory over the samples after warm-up, in MiB a minute.
function slopePerMinute(samples) {
  if (samples.length < 2) return NaN;
  const mx = samples.reduce((s, m) => s + m.second, 0) / samples.length;
  const my = samples.reduce((s, m) => s + m.mib, 0) / samples.length;
  const sxy = samples.reduce((s, m) => s + (m.second - mx) * (m.mib - my), 0);
  const sxx = samples.reduce((s, m) => s + (m.second - mx) ** 2, 0);
  return (sxy / sxx) * 60;
}
const summary = {
  seconds: Math.round(elapsed), connections, requests: all.length, requestsPerSecond: Math.round(all.length / elapsed),
  errors: errors.length, acknowledgedWrites: writesAcknowledged, enterprisesReadBack: acknowledged.size, deletesReadBack: deleted.size, lostWrites: lost, conflicts, viewRebuilds: rebuilds,
  p50: quantile(all, 0.5), p99: quantile(all, 0.99), kinds,
  memoryMiB: { start: memory[0].mib, afterWarmUpMin: Math.min(...warm.map(m => m.mib)), afterWarmUpMax: Math.max(...warm.map(m => m.mib)), end: memory[memory.length - 1].mib, afterWarmUpSlopePerMinute: slopePerMinute(warm) },
  loadAverage: { min: Math.min(...memory.map(m => m.load)), max: Math.max(...memory.map(m => m.load)) },
  memory, firstErrors: errors.slice(0, 5),
};
if (resultPath) writeFileSync(resultPath, JSON.stringify(summary, null, 2) + '\n');

const ms = v => `${v.toFixed(1)} ms`;
console.log(`${summary.seconds} s, ${connections} connections: ${summary.requests} requests (${summary.requestsPerSecond}/s), ${summary.errors} errors, `
  + `${summary.acknowledgedWrites} acknowledged writes (${acknowledged.size} enterprises and ${deleted.size} deletes read back), ${lost} lost, ${conflicts} CONFLICTs, ${rebuilds} view rebuilds; `
  + `load average ${summary.loadAverage.min.toFixed(1)}–${summary.loadAverage.max.toFixed(1)}`);
console.log('| operation | requests | p50 | p99 |\n|---|---|---|---|');
for (const k of kinds) console.log(`| ${k.kind} | ${k.requests} | ${ms(k.p50)} | ${ms(k.p99)} |`);
console.log(`| all | ${summary.requests} | ${ms(summary.p50)} | ${ms(summary.p99)} |`);
console.log(`resident memory: ${memory.map(m => `${m.second}s ${Math.round(m.mib)}`).join(', ')} MiB`);
const m = summary.memoryMiB;
console.log(`after warm-up: ${Math.round(m.afterWarmUpMin)}–${Math.round(m.afterWarmUpMax)} MiB, slope ${m.afterWarmUpSlopePerMinute.toFixed(1)} MiB/min`);
for (const e of summary.firstErrors) console.error('error:', JSON.stringify(e));
process.exit(errors.length === 0 && lost === 0 && rebuilds === 0 ? 0 : 1);
