#!/usr/bin/env bash
# Stops the test Neo4j started by start.sh, if any.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
home_file="$root/.tools/neo4j/home"
[ -f "$home_file" ] || { echo "no test Neo4j installed" >&2; exit 0; }
"$(cat "$home_file")/bin/neo4j" stop >&2 || true
