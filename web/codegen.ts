// The TypeScript types of every operation the app sends, generated from the service's schema: the SDL snapshot that
// the API tests keep equal to GET /graphql/schema.graphql. An operation asking for a field the schema lacks fails the
// generation (and so `npm run build`); code reading a field its operation does not ask for fails `tsc`.
import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

const sdl = readFileSync('../tests/Graph.Api.Tests/Schema/__snapshots__/SchemaSdlTests.SdlMatchesTheSnapshot.snap', 'utf8');

const config: CodegenConfig = {
  schema: sdl.replace(/^\ufeff/, ''),
  documents: ['src/app/operations.ts'],
  ignoreNoDocuments: false,
  generates: {
    'src/app/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        scalars: { Date: 'string', DateTimeOffset: 'string', Decimal: 'number', Long: 'number' },
      },
    },
  },
};

export default config;
