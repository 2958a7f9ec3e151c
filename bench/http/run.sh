#!/usr/bin/env bash
# HTTP load benchmark of the GraphQL API on the `province` preset (seed 42): generates the preset once
# (kept under .data/bench/), imports it into a fresh SQLite file, starts the service in Release on a free
# port, waits for /health/ready, runs bench.mjs (autocannon) and stops the service.
# Usage: bash bench/http/run.sh [seconds per run, default 10]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"
data="$root/.data/bench"
preset="$data/province-seed42-csv"
db="$data/http-province.db"
log="$data/http-service.log"
mkdir -p "$data"

cd "$root"
dotnet build src/Graph.Api -c Release --nologo -v quiet
api=(dotnet "$root/src/Graph.Api/bin/Release/net10.0/Graph.Api.dll")

if [ ! -f "$preset/.complete" ]; then
  rm -rf "$preset"
  "${api[@]}" generate --preset province --seed 42 "$preset"
  touch "$preset/.complete"
fi

rm -f "$db" "$db-wal" "$db-shm"
echo "importing into a fresh $db"
"${api[@]}" import "$preset" --Store:Sqlite:Path="$db" --Store:LoadSampleData=false

port="$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"
url="http://127.0.0.1:$port"
"${api[@]}" --Store:Sqlite:Path="$db" --Store:LoadSampleData=false --Urls="$url" > "$log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -fsS "$url/health/ready" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then echo "the service stopped; see $log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "$url/health/ready" > /dev/null || { echo "not ready after 120 s; see $log" >&2; exit 1; }

cd "$here"
[ -d node_modules/autocannon ] || npm ci --no-audit --no-fund --loglevel=error
echo "machine: $(nproc) cores, $(uname -sr), .NET $(dotnet --version), Node $(node --version)"
node bench.mjs "$url" "$seconds"
