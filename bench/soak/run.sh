#!/usr/bin/env bash
# Soak benchmark of the service on the `province` preset (seed 42): generates the preset once (kept under
# .data/bench/), imports it into a fresh SQLite file, starts the service in Release on a free port with a signing key
# of its own, waits for /health/ready, then runs soak.mjs: <connections> clients for <seconds> sending reads, writes
# (batches that keep each client's pool of enterprises bounded, renames guarded by the record's version) and
# collaboration queries mixed; after, every acknowledged write is read back, the service's log is checked for view
# rebuilds, and p50/p99 per kind and the resident memory over time (with its slope after warm-up) are printed (and
# written to .data/bench/soak-result.json). Exits 1 on any error, lost write or rebuild.
# Usage: bash bench/soak/run.sh [seconds, default 60] [connections, default 16]; the full soak: 600 64.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
connections="${2:-16}"
data="$root/.data/bench"
db="$data/soak-province.db"
log="$data/soak-service.log"
mkdir -p "$data"

cd "$root"
source "$root/bench/lib/service.sh"
bench_build
preset="$(bench_preset province)"
bench_import "$preset" "$db"

key="$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")"
token="$("${api[@]}" token --role editor --subject soak --Auth:SigningKey="$key" | tail -n 1)"
url="$(bench_free_url)"
# The load comes from one client: its rate limit is off.
bench_start "$url" "$log" 180 --Store:Sqlite:Path="$db" --Store:LoadSampleData=false --RateLimit:PermitsPerSecond=0 --Auth:SigningKey="$key"

echo "soak: $connections connections for $seconds s against $url (load average $(cut -d' ' -f1-3 /proc/loadavg))"
node "$here/soak.mjs" "$url" "$token" "$seconds" "$connections" "$service" "$log" "$data/soak-result.json"
