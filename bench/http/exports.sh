#!/usr/bin/env bash
# Whole-network exports on a generated preset (default `country`, seed 42): generates and imports it once (kept under
# .data/bench/), starts the service in Release on a free port, notes how long /health/ready takes (the collaboration
# projection is built in the background at start) and whether a GraphQL request is answered meanwhile, then downloads
# each export with no filter and prints time to first byte, total time and size (curl), and the service's peak
# resident memory (VmHWM) and resident memory after the exports (VmRSS), and stops the service.
# Usage: bash bench/http/exports.sh [preset, default country]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
preset_name="${1:-country}"
data="$root/.data/bench"
db="$data/exports-$preset_name.db"
log="$data/exports-service.log"
mkdir -p "$data"

cd "$root"
source "$root/bench/lib/service.sh"
bench_build
preset="$(bench_preset "$preset_name")"
if [ ! -f "$db.complete" ]; then
  rm -f "$db" "$db-wal" "$db-shm"
  "${api[@]}" import "$preset" "--Store:Sqlite:Path=$db"
  touch "$db.complete"
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
start=$(date +%s.%N)
"${api[@]}" --urls "http://127.0.0.1:$port" "--Store:Sqlite:Path=$db" --Store:LoadSampleData=false > "$log" 2>&1 &
service=$!
trap 'kill $service 2> /dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/health/live"; do sleep 0.2; done
listening=$(date +%s.%N)
meanwhile=$(curl -s -w ' %{time_total}s' "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d '{"query":"{ dataVersion }"}')
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do sleep 1; done
ready=$(date +%s.%N)
printf 'listening after %.1f s; { dataVersion } meanwhile: %s; /health/ready after %.1f s\n' \
  "$(echo "$listening - $start" | bc)" "$meanwhile" "$(echo "$ready - $start" | bc)"
grep -o 'Collaboration projection built[^"]*' "$log" | head -1 || true
printf '%-28s %12s %10s %14s\n' export first-byte total bytes
for path in /export/network-edges.csv /export/network-nodes.csv /export/network.graphml /export/network.gexf; do
  printf '%-28s ' "$path"
  curl -s -o /dev/null -w '%{time_starttransfer}s %{time_total}s %{size_download}\n' "http://127.0.0.1:$port$path"
done
grep -E 'VmHWM|VmRSS' "/proc/$service/status"
