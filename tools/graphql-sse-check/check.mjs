// Follows the change feed of a running server with the graphql-sse client, in single-connection and distinct-connections
// modes, while many writes go on concurrently; checks that every committed write arrives once and in data-version order,
// also across a disconnect (the client resumes with `since`). Prints one JSON line per mode and exits non-zero on failure.
// Usage: node check.mjs <server url> <writes> [token]   (the token, or GRAPHQL_TOKEN: one with the editor and analyst roles)
import { createClient } from 'graphql-sse';

const base = process.argv[2] ?? 'http://localhost:5080';
const writes = Number(process.argv[3] ?? 1000);
const token = process.argv[4] ?? process.env.GRAPHQL_TOKEN ?? '';
const headers = { Authorization: `Bearer ${token}` };
const node = process.env.GRAPHQL_NODE ?? 'University:demo-tech-univ';

async function graphql(query, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

// Writes n changes, `parallel` at a time; returns the data versions the server answered.
async function write(n, parallel, label) {
  const versions = [];
  let next = 0;
  async function worker() {
    while (next < n) {
      const i = next++;
      const data = await graphql('mutation($id: ID!, $en: String) { patchUniversity(id: $id, set: { nameEn: $en }) { dataVersion } }',
        { id: node, en: `${label} ${i}` });
      versions.push(data.patchUniversity.dataVersion);
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker));
  return versions;
}

// Subscribes from a data version; resolves with the entries received once `until` says so.
function follow(client, since, until) {
  const received = [];
  let stop;
  const done = new Promise((resolve, reject) => {
    stop = client.subscribe(
      { query: 'subscription($since: Long) { changes(since: $since, nodeId: "' + node + '") { dataVersion operation changes { id change } } }', variables: { since } },
      {
        next: (message) => {
          if (message.errors) return reject(new Error(JSON.stringify(message.errors)));
          received.push(message.data.changes.dataVersion);
          if (until(received)) resolve(received);
        },
        error: reject,
        complete: () => resolve(received),
      },
    );
  });
  return { received, done, stop: () => stop() };
}

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms))]);
}

async function run(singleConnection) {
  const client = createClient({ url: `${base}/graphql/stream`, singleConnection, headers, retryAttempts: 0 });
  const start = (await graphql('{ dataVersion }')).dataVersion;
  const half = Math.floor(writes / 2);

  // First half: writes while subscribed; then a disconnect after the first half has arrived.
  const first = follow(client, start, (r) => r.length >= half);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const firstVersions = await write(half, 16, 'first');
  const got = await withTimeout(first.done, 60_000, 'first half');
  first.stop();
  const lastSeen = got[got.length - 1];

  // Writes while nobody listens, then the rest with the subscriber back, resuming from the last version it saw.
  const whileAway = await write(Math.floor((writes - half) / 2), 16, 'away');
  const rest = writes - half - whileAway.length;
  const second = follow(client, lastSeen, (r) => r.length >= whileAway.length + rest);
  const restVersions = await write(rest, 16, 'rest');
  const got2 = await withTimeout(second.done, 60_000, 'second half');
  second.stop();
  client.dispose();

  const written = [...firstVersions, ...whileAway, ...restVersions].sort((a, b) => a - b);
  const received = [...got.slice(0, half), ...got2];
  const inOrder = received.every((v, i) => i === 0 || v > received[i - 1]);
  const once = new Set(received).size === received.length;
  const same = written.length === received.length && written.every((v, i) => v === received[i]);
  const result = { mode: singleConnection ? 'single' : 'distinct', written: written.length, received: received.length, inOrder, once, same };
  console.log(JSON.stringify(result));
  return inOrder && once && same;
}

let ok = true;
for (const single of [true, false]) {
  try {
    ok = (await run(single)) && ok;
  } catch (e) {
    console.log(JSON.stringify({ mode: single ? 'single' : 'distinct', error: String(e) }));
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
