#!/usr/bin/env bash
# Soak benchmark of the service on the `province` preset (seed 42): generates the preset once (kept under
# .data/bench/), imports it into a fresh SQLite file, starts the service in Release on a free port with a signing key
# of its own, waits for /health/ready, then runs soak.mjs: <connections> clients for <seconds> sending reads, writes
# (batches that keep each client's pool of enterprises bounded, renames guarded by the record's version) and
# collaboration queries mixed; after, every acknowledged write is read back, the service's log is checked for view
# rebuilds, and p50/p99 per kind and the resident memory over time (with its slope after warm-up) are printed (and
# written to .data/bench/soak-result.json). Exits 1 on any error, lost write or rebuild.
# With a rate, requests are started on a fixed schedule (rate per second over all connections, at most <connections>
# in flight; latency counts from each request's scheduled time); without one (or 0) each connection sends its next
# request when the last returns (a closed loop, which measures the queue at saturation).
# Usage: bash bench/soak/run.sh [seconds, default 60] [connections, default 16] [rate, default 0]; the full soak: 600 64 <rate>.
# `bash bench/soak/run.sh cost [calls, default 200]` instead measures the service's CPU per call of each operation of the
# mix, one call at a time on the same setup (cost.mjs; written to .data/bench/soak-cost.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ "${1:-}" = cost ]; then
  calls="${2:-200}"
else
  seconds="${1:-60}"
  connections="${2:-16}"
  rate="${3:-0}"
fi
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

if [ -n "${calls:-}" ]; then
  echo "cost: $calls calls of each operation, one at a time, against $url (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  node "$here/cost.mjs" "$url" "$token" "$calls" "$service" "$data/soak-cost.json"
  exit
fi
echo "soak: $connections connections for $seconds s, rate ${rate}/s (0: closed loop), against $url (load average $(cut -d' ' -f1-3 /proc/loadavg))"
node "$here/soak.mjs" "$url" "$token" "$seconds" "$connections" "$rate" "$service" "$log" "$data/soak-result.json"
