#!/usr/bin/env bash
# Soak benchmark of the service on the `province` preset (seed 42): generates the preset once (kept under
# .data/bench/), imports it into a fresh SQLite file, starts the service in Release on a free port with a signing key
# of its own, waits for /health/ready, then runs soak.mjs: <connections> clients for <seconds> sending reads, writes
# (batches and renames with expectedDataVersion) and collaboration queries mixed; after, every acknowledged write is
# read back, the service's log is checked for view rebuilds, and p50/p99 per kind and the resident memory over time
# are printed (and written to .data/bench/soak-result.json). Exits 1 on any error, lost write or rebuild.
# Usage: bash bench/soak/run.sh [seconds, default 60] [connections, default 16]; the full soak: 600 64.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
connections="${2:-16}"
data="$root/.data/bench"
preset="$data/province-seed42-csv"
db="$data/soak-province.db"
log="$data/soak-service.log"
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

key="$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")"
token="$("${api[@]}" token --role editor --subject soak --Auth:SigningKey="$key" | tail -n 1)"
port="$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"
url="http://127.0.0.1:$port"
# The load comes from one client: its rate limit is off.
"${api[@]}" --Store:Sqlite:Path="$db" --Store:LoadSampleData=false --Urls="$url" --RateLimit:PermitsPerSecond=0 --Auth:SigningKey="$key" > "$log" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT

for _ in $(seq 1 180); do
  if curl -fsS "$url/health/ready" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$service" 2>/dev/null; then echo "the service stopped; see $log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "$url/health/ready" > /dev/null || { echo "not ready after 180 s; see $log" >&2; exit 1; }

echo "soak: $connections connections for $seconds s against $url (load average $(cut -d' ' -f1-3 /proc/loadavg))"
node "$here/soak.mjs" "$url" "$token" "$seconds" "$connections" "$service" "$log" "$data/soak-result.json"
