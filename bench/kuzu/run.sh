#!/usr/bin/env bash
# Distinct collaborators within depth 1 and 2 from 200 start organisations (top 100 hubs, 100 drawn with a fixed
# seed): the collaboration projection against Kuzu (npm `kuzu`, pinned in package-lock.json) on the same ties.
#   bash bench/kuzu/run.sh [preset=province] [seed=42] [kuzu-warm-up-passes=3]
# The projection's side (the ties, the starts, its counts and times) is written once per preset and seed under
# .data/bench/kuzu-<preset>-<seed>/ and reused while its three files are there: delete the directory to time it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
preset="${1:-province}"
seed="${2:-42}"
warm_up_passes="${3:-3}"
directory=".data/bench/kuzu-$preset-$seed"

(cd bench/kuzu && { npm ls kuzu >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error; })
if [[ -f "$directory/organisations.csv" && -f "$directory/ties.csv" && -f "$directory/projection.csv" ]]; then
  echo "reusing $directory (the projection's side as written on $(date -u -r "$directory/projection.csv" +%FT%TZ))" >&2
else
  dotnet run -c Release --project bench/Graph.Bench.Collaboration -- kuzu "$preset" "$seed" "$directory"
fi
node bench/kuzu/compare.mjs "$directory" "$warm_up_passes"
