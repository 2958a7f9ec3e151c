#!/usr/bin/env bash
# HTTP load benchmark of the GraphQL API on the `province` preset (seed 42): generates the preset once
# (kept under .data/bench/), imports it into a fresh SQLite file, starts the service in Release on a free
# port, waits for /health/ready, finds the operations in the data (operations.mjs; (a) rotates over 200 enterprises),
# loads each with wrk (post.lua sends an operation's bodies in turn and checks every response) at 1, 8 and 32
# connections, prints the results as a table and stops the service.
# Besides requests/s and latency it reports the service's CPU time per request (from /proc), which a busy
# machine inflates far less than wall-clock numbers.
# Usage: bash bench/http/run.sh [seconds per run, default 10]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"
data="$root/.data/bench"
db="$data/http-province.db"
log="$data/http-service.log"
mkdir -p "$data"

if ! command -v wrk > /dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    apt-get install -y wrk > /dev/null || { apt-get update > /dev/null && apt-get install -y wrk > /dev/null; }
  else
    echo "the benchmark needs wrk (the HTTP load tool): install it, e.g. 'sudo apt-get install wrk', and run again" >&2
    exit 1
  fi
fi

cd "$root"
source "$root/bench/lib/service.sh"
bench_build
preset="$(bench_preset province)"
bench_import "$preset" "$db"

url="$(bench_free_url)"
# The load comes from one client: its rate limit is off.
bench_start "$url" "$log" 120 --Store:Sqlite:Path="$db" --Store:LoadSampleData=false --RateLimit:PermitsPerSecond=0

ops="$data/http-operations"
rm -rf "$ops"
node "$here/operations.mjs" "$url" "$ops"

ticks="$(getconf CLK_TCK)"
# The service's user + system CPU time so far, in clock ticks (fields 14 and 15 of /proc/<pid>/stat).
cpu_ticks() { sed 's/^.*) //' "/proc/$service/stat" | awk '{ print $12 + $13 }'; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# wrk with one thread per connection up to two (the machine's cores are shared with the service anyway).
load() { # connections seconds body
  local threads=$(( $1 < 2 ? 1 : 2 ))
  BODY="$3" wrk -t"$threads" -c"$1" -d"$2s" -s "$here/post.lua" "$url/graphql"
}

echo "machine: $(nproc) cores, $(uname -sr), .NET $(dotnet --version), $(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
echo "endpoint $url/graphql, $seconds s per run, load average $(cat /proc/loadavg | cut -d' ' -f1-3) at start"
# Warm-up, not reported: every operation for 5 s, so that each is measured compiled (tiered JIT) and cached.
while IFS=$'\t' read -r body _ _; do load 8 5 "$body" > /dev/null; done < "$ops/operations.tsv"
rows=()
failures=0
while IFS=$'\t' read -r body name what; do
  echo "$name: $what"
  for connections in 1 8 32; do
    before="$(cpu_ticks)"
    output="$(load "$connections" "$seconds" "$body")"
    after="$(cpu_ticks)"
    read -r _ requests rate p50 p99 failed socket_errors <<< "$(grep '^RESULT ' <<< "$output")"
    bad=$(( failed + socket_errors ))
    failures=$(( failures + bad ))
    [ "$bad" -eq 0 ] || echo "  $connections connections: $failed failed responses, $socket_errors socket errors" >&2
    cpu="$(awk -v t=$(( after - before )) -v hz="$ticks" -v n="$requests" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')"
    rows+=("$(printf '| %s | %d | %s | %s | %s | %s | %s |' "$name" "$connections" \
      "$(printf "%'.0f" "$rate")" "$p50" "$p99" "$cpu" "$(load1)")")
  done
done < "$ops/operations.tsv"

echo
echo "| operation | connections | requests/s | p50 ms | p99 ms | service CPU ms/request | load average |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
if [ "$failures" -gt 0 ]; then
  echo "$failures requests failed" >&2
  exit 1
fi
