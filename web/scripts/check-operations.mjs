// Validates every operation the app sends against the service's schema (the SDL snapshot the API tests keep equal to
// GET /graphql/schema.graphql), so a schema change that breaks the app fails its build rather than a user's page.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { build } from 'vite';

const sdlPath = new URL('../../tests/Graph.Api.Tests/Schema/__snapshots__/SchemaSdlTests.SdlMatchesTheSnapshot.snap', import.meta.url);
const schema = buildSchema(readFileSync(sdlPath, 'utf8').replace(/^\ufeff/, ''));

// operations.ts is TypeScript: Vite (esbuild) turns it into one module in memory.
const output = await build({
  logLevel: 'silent',
  configFile: false,
  build: { write: false, lib: { entry: new URL('../src/app/operations.ts', import.meta.url).pathname, formats: ['es'], fileName: 'operations' } },
});
const code = (Array.isArray(output) ? output[0] : output).output[0].code;
const operations = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

const documents = Object.entries(operations)
  .filter(([, value]) => typeof value === 'string' && /^\s*(query|mutation|\{)/.test(value))
  .map(([name, text]) => [name, text]);
documents.push(['organizationQuery(anonymous)', operations.organizationQuery(false)]);
documents.push(['organizationQuery(analyst)', operations.organizationQuery(true)]);

let failed = 0;
for (const [name, text] of documents) {
  const errors = validate(schema, parse(text));
  for (const error of errors) console.error(`${name}: ${error.message}`);
  failed += errors.length;
}
if (failed > 0) process.exit(1);
console.log(`${documents.length} operations valid against the schema`);
