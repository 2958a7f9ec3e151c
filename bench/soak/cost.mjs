// The cost of one call of each of the soak's operations: for each, `calls` calls one after another (after a warm-up of
// a tenth as many), with the service's CPU time (user + system, from /proc/<pid>/stat) read before and after, so the
// CPU per call includes what the service does behind a call (views told of a write, collections). One connection, so
// the wall times are the operation's own, not a queue's.
// Usage: node cost.mjs <base url> <editor token> <calls> <service pid> [result json]
// Needs Node 18 or later, no packages.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { soakOperations } from './operations.mjs';

const [baseUrl, token, callsText = '200', pidText, resultPath] = process.argv.slice(2);
const calls = Number(callsText);
if (!Number.isInteger(calls) || calls < 1) throw new Error(`calls (${callsText}) must be a whole number from 1`);
const pid = Number(pidText);
const { send, mix } = await soakOperations(baseUrl, token);

// Fields 14 and 15 of /proc/<pid>/stat, after the command name (which may hold spaces), in clock ticks of 10 ms.
const ticksPerSecond = 100;
function cpuMilliseconds() {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
let n = 0;
async function call(op) {
  const result = op.write ? await op.write(0, n++) : await send(...op.make());
  if (result.status !== 200 || result.errors) throw new Error(`${op.kind}: ${result.status} ${JSON.stringify(result.errors)}`);
}

const rows = [];
for (const op of mix) {
  for (let i = 0; i < Math.max(1, Math.round(calls / 10)); i++) await call(op);
  const walls = [];
  const before = cpuMilliseconds();
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await call(op);
    walls.push(performance.now() - t0);
  }
  const cpu = (cpuMilliseconds() - before) / calls;
  walls.sort((a, b) => a - b);
  rows.push({ kind: op.kind, calls, cpuPerCall: cpu, p50: quantile(walls, 0.5), p99: quantile(walls, 0.99), load: loadavg()[0] });
}
if (resultPath) writeFileSync(resultPath, JSON.stringify(rows, null, 2) + '\n');

console.log('| operation | calls | service CPU per call | wall p50 | wall p99 | load average |\n|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.kind} | ${r.calls} | ${r.cpuPerCall.toFixed(2)} ms | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.load.toFixed(1)} |`);
