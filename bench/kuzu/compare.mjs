// Distinct collaborators within depth 1 and 2 from the same 200 start organisations: Kuzu against the collaboration
// projection, on the same ties. Reads what `Graph.Bench.Collaboration kuzu` wrote (organisations.csv, ties.csv,
// projection.csv), loads the ties into a fresh Kuzu database, asks Kuzu's Cypher for every start's count, fails when
// any count differs from the projection's, and prints p50/p99 of both sides and their ratio as Markdown table rows.
//   node bench/kuzu/compare.mjs [directory=.data/bench/kuzu] [kuzu-warm-up-passes=3]
// Kuzu runs its warm-up passes over all starts before the timed pass; fewer (even 0) make a slow preset practical,
// never fewer starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import kuzu from 'kuzu';

const directory = path.resolve(process.argv[2] ?? path.join('.data', 'bench', 'kuzu'));
const file = (name) => path.join(directory, name);
const warmUpPasses = Number(process.argv[3] ?? 3);
if (!Number.isInteger(warmUpPasses) || warmUpPasses < 0) {
  console.error(`kuzu-warm-up-passes must be a whole number, 0 or more (got ${process.argv[3]})`);
  process.exit(2);
}
for (const name of ['organisations.csv', 'ties.csv', 'projection.csv'])
  if (!fs.existsSync(file(name))) {
    console.error(`${file(name)} is missing: run Graph.Bench.Collaboration's kuzu mode first (bench/kuzu/run.sh)`);
    process.exit(2);
  }

const report = (name, value) => console.log(`| ${name} | ${value} |`);
const loadAverage = () => os.loadavg().map((load) => load.toFixed(2)).join(' ');
// Progress of the long passes goes to stderr, so stdout stays the table.
const progress = (message) => console.error(`${new Date().toISOString()} ${message}`);
// The nearest-rank percentile, as Timing.Percentile computes it for the projection.
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];

// projection.csv: "id",group,depth,count,ms — ids are quoted, the rest are plain.
const projection = fs.readFileSync(file('projection.csv'), 'utf8').trim().split('\n').slice(1).map((line) => {
  const close = line.lastIndexOf('"');
  const [, group, depth, count, ms] = line.slice(close + 1).split(',');
  return { id: line.slice(1, close).replaceAll('""', '"'), group, depth: Number(depth), count: Number(count), ms: Number(ms) };
});

// projection.csv may come from an earlier run (run.sh reuses a directory's files): say when it was timed.
report('projection timed', `${fs.statSync(file('projection.csv')).mtime.toISOString()} (projection.csv written)`);
report('machine', `${os.cpus().length} cores, load average ${loadAverage()} at the start`);

const databasePath = file('kuzu-db');
fs.rmSync(databasePath, { recursive: true, force: true });
const database = new kuzu.Database(databasePath);
const connection = new kuzu.Connection(database);
const run = async (query) => (await connection.query(query)).getAll();
const csv = (name) => file(name).replaceAll('\\', '/').replaceAll("'", "\\'");

let started = performance.now();
await run('CREATE NODE TABLE Organisation(id STRING, PRIMARY KEY (id))');
await run('CREATE REL TABLE COLLABORATES(FROM Organisation TO Organisation)');
await run(`COPY Organisation FROM '${csv('organisations.csv')}' (header=true)`);
await run(`COPY COLLABORATES FROM '${csv('ties.csv')}' (header=true)`);
const [{ organisations }] = await run('MATCH (o:Organisation) RETURN count(o) AS organisations');
const [{ ties }] = await run('MATCH ()-[t:COLLABORATES]->() RETURN count(t) AS ties');
report('Kuzu load', `${((performance.now() - started) / 1000).toFixed(1)} s: ${organisations} organisations, ${ties} ties (kuzu ${kuzu.VERSION ?? ''})`);

// A tie is stored once (smaller id first) and walked both ways; the start itself is not its own collaborator, told
// apart by Kuzu's internal id (`b.id <> $id` would read every node's id: a scan of the whole node table per call).
// Depth 1 is one hop, a plain join from the start's primary key. Depth 2 asks for a shortest path to every node within
// two hops (`* SHORTEST 1..2`): one path per reached node, a breadth-first search, where the variable-length form
// `*1..2` (walk semantics) enumerates every walk through a hub — millions for the biggest — before the DISTINCT.
const questions = {
  1: 'MATCH (a:Organisation)-[:COLLABORATES]-(b:Organisation) WHERE a.id = $id AND id(b) <> id(a) RETURN count(DISTINCT b) AS n',
  2: 'MATCH (a:Organisation)-[:COLLABORATES* SHORTEST 1..2]-(b:Organisation) WHERE a.id = $id AND id(b) <> id(a) RETURN count(DISTINCT b) AS n',
};
const statements = {};
for (const depth of [1, 2]) {
  report(`Kuzu's question at depth ${depth}`, `\`${questions[depth]}\``);
  statements[depth] = await connection.prepare(questions[depth]);
}
const count = async (id, depth) => {
  const [{ n }] = await (await connection.execute(statements[depth], { id })).getAll();
  return Number(n);
};

let mismatches = 0;
const ratios = [];
for (const depth of [1, 2]) {
  const starts = projection.filter((row) => row.depth === depth);
  // Passes to warm up (3 by default, as many as the projection's side runs: KuzuSideBySide.WarmUpPasses), then the timed pass.
  for (let pass = 1; pass <= warmUpPasses; pass++) {
    progress(`depth ${depth}: Kuzu warm-up pass ${pass} of ${warmUpPasses} over ${starts.length} starts`);
    for (const row of starts) await count(row.id, depth);
  }
  progress(`depth ${depth}: Kuzu timed pass over ${starts.length} starts`);
  const kuzuTimes = [];
  for (const row of starts) {
    started = performance.now();
    const n = await count(row.id, depth);
    kuzuTimes.push(performance.now() - started);
    if (n !== row.count) {
      mismatches++;
      console.error(`depth ${depth}, ${row.id} (${row.group}): Kuzu counts ${n}, the projection ${row.count}`);
    }
  }
  kuzuTimes.sort((x, y) => x - y);
  const ours = starts.map((row) => row.ms).sort((x, y) => x - y);
  const [k50, k99, o50, o99] = [percentile(kuzuTimes, 0.5), percentile(kuzuTimes, 0.99), percentile(ours, 0.5), percentile(ours, 0.99)];
  const total = starts.reduce((sum, row) => sum + row.count, 0);
  report(`depth ${depth}, ${starts.length} starts (${total} collaborators in all)`,
    `projection p50 ${o50.toFixed(3)} ms, p99 ${o99.toFixed(3)} ms; Kuzu p50 ${k50.toFixed(3)} ms, p99 ${k99.toFixed(3)} ms; ` +
    `projection faster ×${(k50 / o50).toFixed(0)} at p50, ×${(k99 / o99).toFixed(0)} at p99 ` +
    `(Kuzu: ${warmUpPasses} warm-up passes; load average ${loadAverage()} after)`);
  ratios.push(k50 / o50, k99 / o99);
}
await connection.close();
await database.close();
fs.rmSync(databasePath, { recursive: true, force: true });

if (mismatches > 0) {
  console.error(`${mismatches} counts differ between Kuzu and the projection`);
  process.exit(1);
}
report('counts', `equal for all ${projection.length} (start, depth) pairs`);
report('target (at least 10× faster at p50 and p99)', Math.min(...ratios) >= 10 ? 'met' : `not met (lowest ratio ×${Math.min(...ratios).toFixed(1)})`);
