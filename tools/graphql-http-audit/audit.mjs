// Runs the graphql-http audit suite (the GraphQL-over-HTTP spec's own conformance checks) against a
// running server, prints every result, and exits non-zero when any MUST fails.
// Usage: node audit.mjs [url]   (default http://localhost:5080/graphql, or GRAPHQL_URL)
import { auditServer } from 'graphql-http';

const url = process.argv[2] ?? process.env.GRAPHQL_URL ?? 'http://localhost:5080/graphql';
const results = await auditServer({ url });

const counts = { MUST: { passed: 0, failed: 0 }, SHOULD: { passed: 0, failed: 0 }, MAY: { passed: 0, failed: 0 } };
for (const result of results) {
  const level = result.name.split(' ')[0];
  const passed = result.status === 'ok';
  counts[level][passed ? 'passed' : 'failed']++;
  const mark = passed ? 'pass' : 'FAIL';
  const reason = passed ? '' : ` -- ${result.reason}`;
  console.log(`${mark} ${result.id} ${result.name}${reason}`);
}

console.log(`summary ${JSON.stringify(counts)}`);
console.log(
  `MUST ${counts.MUST.passed} passed, ${counts.MUST.failed} failed; ` +
    `SHOULD ${counts.SHOULD.passed} passed, ${counts.SHOULD.failed} failed; ` +
    `MAY ${counts.MAY.passed} passed, ${counts.MAY.failed} failed (${url})`,
);
process.exit(counts.MUST.failed > 0 ? 1 : 0);
