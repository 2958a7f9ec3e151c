#!/usr/bin/env bash
# Generates the typed client from the schema's SDL; fails on any error (CI runs it after the build).
set -euo pipefail
cd "$(dirname "$0")"
# The SDL snapshot (kept equal to the served SDL by SchemaSdlTests), without its byte order mark.
sed '1s/^\xEF\xBB\xBF//' ../../tests/Graph.Api.Tests/Schema/__snapshots__/SchemaSdlTests.SdlMatchesTheSnapshot.snap > schema.graphql
[ -d node_modules/@graphql-codegen/cli ] || npm ci --no-audit --no-fund --loglevel=error
npx graphql-codegen --config codegen.yml
