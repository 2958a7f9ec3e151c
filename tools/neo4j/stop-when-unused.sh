#!/usr/bin/env bash
# Stops the test Neo4j once no test process uses it any more: each holds a lease, a file named after its process id in
# .tools/neo4j/leases. Started, detached, by the test process that started the server (tests/Graph.Testing/Neo4jFixture.cs),
# so a test run leaves no Neo4j behind, even when a test process is killed; a server that was running before is not touched.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
leases="$root/.tools/neo4j/leases"
exec >> "$root/.tools/neo4j/stop-when-unused.log" 2>&1
echo "$(date -u +%FT%TZ) waiting for the test processes holding leases in $leases"
while :; do
  sleep 2
  alive=0
  for lease in "$leases"/*; do
    [ -e "$lease" ] || continue
    if kill -0 "$(basename "$lease")" 2>/dev/null; then alive=1; else rm -f "$lease"; fi
  done
  [ "$alive" = 0 ] && break
done
bash "$root/tools/neo4j/stop.sh"
