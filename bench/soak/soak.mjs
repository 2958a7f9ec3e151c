// The soak: `connections` clients for `seconds`, each sending reads, writes and collaboration queries mixed, then the
// checks: no errors, every acknowledged write read back, no view rebuilt (the service's log), p50/p99 per kind, and
// the service's resident memory sampled every 5 s.
// With a rate (requests per second over all connections) the load is an open loop, as k6's constant-arrival-rate: the
// i-th request is due at i / rate seconds, a free connection starts it then, at most `connections` are in flight, and
// a request due while all are busy starts late with its latency counted from when it was due (no coordinated
// omission). Without a rate (or 0) it is a closed loop: each client sends its next request when the last returns.
// Usage: node soak.mjs <base url> <editor token> <seconds> <connections> <rate> <service pid> <service log> [result json]
// Needs Node 18 or later, no packages.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { soakOperations } from './operations.mjs';

const [baseUrl, token, secondsText = '60', connectionsText = '16', rateText = '0', pidText, logPath, resultPath] = process.argv.slice(2);
const seconds = Number(secondsText);
const connections = Number(connectionsText);
const rate = Number(rateText);
if (!(seconds > 0) || !Number.isInteger(connections) || connections < 1 || !(rate >= 0))
  throw new Error(`seconds (${secondsText}) must be positive, connections (${connectionsText}) a whole number from 1, rate (${rateText}) 0 or more`);
const pid = Number(pidText);
const { send, must, mix, choose, acknowledged, deleted, counts } = await soakOperations(baseUrl, token);

const latencies = new Map(mix.map(m => [m.kind, []]));
const afterWarmUp = []; // latencies of requests started after the warm-up (the first min(60 s, a quarter of the run))
const errors = [];
// Resident memory in MiB: all of it, and apart its anonymous pages (the heap: what a leak grows) and its file pages
// (the mapped database file, which grows with the data written and the kernel can drop).
function sample() {
  const second = Math.round((Date.now() - started) / 1000), load = loadavg()[0];
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = name => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]) / 1024;
    return { second, mib: kib('VmRSS'), anonMiB: kib('RssAnon'), fileMiB: kib('RssFile'), load };
  } catch { return { second, mib: NaN, anonMiB: NaN, fileMiB: NaN, load }; }
}
function viewBuilds() {
  return (readFileSync(logPath, 'utf8').match(/View \S+ built from the store/g) ?? []).length;
}

const buildsBefore = viewBuilds();
const warmUpSeconds = Math.min(60, seconds / 4);
const memory = [];
const started = Date.now();
const deadline = started + seconds * 1000;
const sampler = setInterval(() => memory.push(sample()), 5000);
memory.push(sample());

// One request of the mix from one client; its latency counts from `due` (its scheduled time in the open loop, the
// moment it was sent in the closed one).
async function request(worker, n, due) {
  const op = choose();
  let result;
  try {
    result = op.write ? await op.write(worker, n) : await send(...op.make());
  } catch (error) {
    result = { status: 0, errors: [{ message: String(error) }] };
  }
  const latency = performance.now() - due;
  latencies.get(op.kind).push(latency);
  if (due - origin >= warmUpSeconds * 1000) afterWarmUp.push(latency);
  if (result.status !== 200 || result.errors) errors.push({ kind: op.kind, status: result.status, errors: result.errors });
}

async function closedLoopClient(worker) {
  for (let n = 0; Date.now() < deadline; n++) await request(worker, n, performance.now());
}

// The open loop's schedule: request i is due at `origin + i * interval`; each free connection takes the next one.
// A request is late when it starts more than `lateAfter` ms after it was due (every connection was busy, or the
// client itself fell behind); those still unstarted at the deadline are counted, not sent.
const interval = rate > 0 ? 1000 / rate : 0;
const lateAfter = 10;
const origin = performance.now();
const endAt = origin + seconds * 1000;
let nextDue = 0;
const startDelays = [];
let late = 0;
let unstarted = 0;
async function openLoopClient(worker) {
  for (let n = 0; ; n++) {
    const due = origin + nextDue++ * interval;
    if (due >= endAt) return;
    const now = performance.now();
    if (now >= endAt) {
      // Due within the run but never started: all connections were busy until the end.
      unstarted += Math.ceil((endAt - due) / interval);
      nextDue = Infinity;
      return;
    }
    if (due > now) await sleep(due - now);
    const delay = performance.now() - due;
    startDelays.push(delay);
    if (delay > lateAfter) late++;
    await request(worker, n, due);
  }
}
await Promise.all(Array.from({ length: connections }, (_, worker) => (rate > 0 ? openLoopClient(worker) : closedLoopClient(worker))));
clearInterval(sampler);
memory.push(sample());
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
const warm = memory.filter(m => m.second >= warmUpSeconds);
const warmed = afterWarmUp.sort((a, b) => a - b);
// Flat or not: the least-squares slope of resident memory (or of one part of it) over the samples after warm-up, in
// MiB a minute.
function slopePerMinute(samples, part = 'mib') {
  if (samples.length < 2) return NaN;
  const mx = samples.reduce((s, m) => s + m.second, 0) / samples.length;
  const my = samples.reduce((s, m) => s + m[part], 0) / samples.length;
  const sxy = samples.reduce((s, m) => s + (m.second - mx) * (m[part] - my), 0);
  const sxx = samples.reduce((s, m) => s + (m.second - mx) ** 2, 0);
  return (sxy / sxx) * 60;
}
const delays = [...startDelays].sort((a, b) => a - b);
const summary = {
  seconds: Math.round(elapsed), connections, requests: all.length, requestsPerSecond: Math.round(all.length / elapsed),
  load: rate > 0
    ? { loop: 'open', offeredPerSecond: rate, achievedPerSecond: Math.round(all.length / elapsed), lateToStart: late, lateAfterMs: lateAfter, unstartedAtEnd: unstarted, startDelayP99: quantile(delays, 0.99), startDelayMax: delays.length ? delays[delays.length - 1] : NaN }
    : { loop: 'closed', achievedPerSecond: Math.round(all.length / elapsed) },
  errors: errors.length, acknowledgedWrites: counts.writesAcknowledged, enterprisesReadBack: acknowledged.size, deletesReadBack: deleted.size, lostWrites: lost, conflicts: counts.conflicts, viewRebuilds: rebuilds,
  p50: quantile(all, 0.5), p99: quantile(all, 0.99), kinds,
  afterWarmUp: { fromSecond: warmUpSeconds, requests: warmed.length, p50: quantile(warmed, 0.5), p99: quantile(warmed, 0.99) },
  memoryMiB: { start: memory[0].mib, afterWarmUpMin: Math.min(...warm.map(m => m.mib)), afterWarmUpMax: Math.max(...warm.map(m => m.mib)), end: memory[memory.length - 1].mib, afterWarmUpSlopePerMinute: slopePerMinute(warm),
    anonymous: { start: memory[0].anonMiB, afterWarmUpMin: Math.min(...warm.map(m => m.anonMiB)), afterWarmUpMax: Math.max(...warm.map(m => m.anonMiB)), end: memory[memory.length - 1].anonMiB, afterWarmUpSlopePerMinute: slopePerMinute(warm, 'anonMiB') },
    file: { start: memory[0].fileMiB, end: memory[memory.length - 1].fileMiB, afterWarmUpSlopePerMinute: slopePerMinute(warm, 'fileMiB') } },
  loadAverage: { min: Math.min(...memory.map(m => m.load)), max: Math.max(...memory.map(m => m.load)) },
  memory, firstErrors: errors.slice(0, 5),
};
if (resultPath) writeFileSync(resultPath, JSON.stringify(summary, null, 2) + '\n');

const ms = v => `${v.toFixed(1)} ms`;
if (rate > 0) {
  const l = summary.load;
  console.log(`open loop: offered ${rate}/s, achieved ${l.achievedPerSecond}/s; ${late} requests late to start (more than ${lateAfter} ms after their time), `
    + `${unstarted} due but unstarted at the end; start delay p99 ${ms(l.startDelayP99)}, max ${ms(l.startDelayMax)}`);
} else {
  console.log(`closed loop: each connection sends its next request when the last returns; achieved ${summary.load.achievedPerSecond}/s`);
}
console.log(`${summary.seconds} s, ${connections} connections: ${summary.requests} requests (${summary.requestsPerSecond}/s), ${summary.errors} errors, `
  + `${summary.acknowledgedWrites} acknowledged writes (${acknowledged.size} enterprises and ${deleted.size} deletes read back), ${lost} lost, ${counts.conflicts} CONFLICTs, ${rebuilds} view rebuilds; `
  + `load average ${summary.loadAverage.min.toFixed(1)}–${summary.loadAverage.max.toFixed(1)}`);
console.log('| operation | requests | p50 | p99 |\n|---|---|---|---|');
for (const k of kinds) console.log(`| ${k.kind} | ${k.requests} | ${ms(k.p50)} | ${ms(k.p99)} |`);
console.log(`| all | ${summary.requests} | ${ms(summary.p50)} | ${ms(summary.p99)} |`);
console.log(`| all started after ${warmUpSeconds} s (warm-up) | ${warmed.length} | ${ms(summary.afterWarmUp.p50)} | ${ms(summary.afterWarmUp.p99)} |`);
console.log(`resident memory (anonymous + file pages): ${memory.map(m => `${m.second}s ${Math.round(m.mib)} (${Math.round(m.anonMiB)} + ${Math.round(m.fileMiB)})`).join(', ')} MiB`);
const m = summary.memoryMiB;
console.log(`after warm-up: ${Math.round(m.afterWarmUpMin)}–${Math.round(m.afterWarmUpMax)} MiB, slope ${m.afterWarmUpSlopePerMinute.toFixed(1)} MiB/min; `
  + `anonymous ${Math.round(m.anonymous.afterWarmUpMin)}–${Math.round(m.anonymous.afterWarmUpMax)} MiB, slope ${m.anonymous.afterWarmUpSlopePerMinute.toFixed(1)} MiB/min; `
  + `file pages ${Math.round(m.file.start)} → ${Math.round(m.file.end)} MiB, slope ${m.file.afterWarmUpSlopePerMinute.toFixed(1)} MiB/min`);
for (const e of summary.firstErrors) console.error('error:', JSON.stringify(e));
process.exit(errors.length === 0 && lost === 0 && rebuilds === 0 ? 0 : 1);
