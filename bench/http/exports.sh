#!/usr/bin/env bash
# Whole-network exports on a generated preset (default `country`, seed 42): generates and imports it once (kept under
# .data/bench/), starts the service in Release on a free port, notes how long /health/ready takes (the collaboration
# projection is built in the background at start) and whether a GraphQL request is answered meanwhile, then downloads
# each export with no filter and prints time to first byte, total time and size (curl), then builds the matchmaking
# index (a matchmaking question) and, with both views loaded and no request running, waits and reads the steady
# resident memory. Resident memory is sampled every half second, split into the process's own memory (RssAnon: the
# managed heap, native allocations) and the store file's pages it maps (RssFile: the operating system's page cache,
# given back when memory is short), each phase's peaks printed; the verdict compares the peak resident memory of the
# whole run (VmHWM, which includes the phase with both views loaded) with issue #18's 2 GiB, then stops the service.
# Usage: bash bench/http/exports.sh [preset, default country]
# An already imported file at .data/bench/exports-<preset>.db, with .data/bench/exports-<preset>.db.complete beside it,
# is used as it is (the preset is then not generated).
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
if [ ! -f "$db.complete" ]; then
  preset="$(bench_preset "$preset_name")"
  rm -f "$db" "$db-wal" "$db-shm"
  "${api[@]}" import "$preset" "--Store:Sqlite:Path=$db"
  touch "$db.complete"
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "load average at the start: $(cut -d ' ' -f 1-3 /proc/loadavg)"
start=$(date +%s.%N)
"${api[@]}" --urls "http://127.0.0.1:$port" "--Store:Sqlite:Path=$db" --Store:LoadSampleData=false > "$log" 2>&1 &
service=$!
samples="$data/exports-memory.tsv"
phase="$data/exports-phase"
# The phase the samples belong to, replaced in one step so that the sampler never reads it half written.
enter() { echo "$1" > "$phase.new"; mv "$phase.new" "$phase"; }
enter start
# Resident memory every half second: the phase, kB of RssAnon and RssFile.
( while [ -r "/proc/$service/status" ]; do
    awk -v phase="$(cat "$phase")" '/^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { if (a != "") print phase "\t" a "\t" f }' \
      "/proc/$service/status" 2> /dev/null || true
    sleep 0.5
  done > "$samples" ) &
sampler=$!
trap 'kill $service $sampler 2> /dev/null || true' EXIT
until curl -s -o /dev/null "http://127.0.0.1:$port/health/live"; do sleep 0.2; done
listening=$(date +%s.%N)
meanwhile=$(curl -s -w ' %{time_total}s' "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d '{"query":"{ dataVersion }"}')
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do sleep 1; done
ready=$(date +%s.%N)
printf 'listening after %.1f s; { dataVersion } meanwhile: %s; /health/ready after %.1f s\n' \
  "$(echo "$listening - $start" | bc)" "$meanwhile" "$(echo "$ready - $start" | bc)"
grep -o 'Collaboration projection built[^"]*' "$log" | head -1 || true
enter exports
printf '%-28s %12s %10s %14s\n' export first-byte total bytes
for path in /export/network-edges.csv /export/network-nodes.csv /export/network.graphml /export/network.gexf; do
  printf '%-28s ' "$path"
  curl -s -o /dev/null -w '%{time_starttransfer}s %{time_total}s %{size_download}\n' "http://127.0.0.1:$port$path"
done
# The matchmaking index is built on the first matchmaking question (asking about an unknown organisation builds it
# too); a question answered TIMEOUT while it builds is asked again.
enter index
index_start=$(date +%s.%N)
while curl -s "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' \
    -d '{"query":"{ similarOrganizations(of: \"Enterprise:none\", limit: 1) { __typename } }"}' | grep -q TIMEOUT; do :; done
printf 'matchmaking index built and asked after %.1f s\n' "$(echo "$(date +%s.%N) - $index_start" | bc)"
# Both views loaded, no request running: what the service holds when idle.
enter steady
sleep 20
echo "with both views loaded, 20 s after the last request:" \
  "$(awk '/^(VmRSS|RssAnon|RssFile)/ { printf "%s %d MiB  ", $1, $2 / 1024 }' "/proc/$service/status")"
awk -F '\t' '
  { if ($2 > a[$1]) a[$1] = $2; if ($3 > f[$1]) f[$1] = $3; if ($2 + $3 > r[$1]) r[$1] = $2 + $3
    if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END { for (i = 1; i <= n; i++) { p = order[i]
          printf "%-8s peak RssAnon %5d MiB, RssFile %5d MiB, both at once %5d MiB (sampled)\n", p, a[p] / 1024, f[p] / 1024, r[p] / 1024 } }' "$samples"
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$service/status")
echo "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
# Issue #18: resident memory with the collaboration projection and the matchmaking index loaded under 2 GiB.
limit=$((2 * 1024 * 1024))
printf 'peak resident memory (VmHWM) %d MiB, target under 2,048 MiB: %s\n' $((hwm / 1024)) "$([ "$hwm" -lt "$limit" ] && echo met || echo 'NOT met')"
