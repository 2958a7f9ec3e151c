#!/usr/bin/env bash
# Distinct collaborators within depth 1 and 2 from 200 start organisations (top 100 hubs, 100 drawn with a fixed
# seed): the collaboration projection against Kuzu (npm `kuzu`, pinned in package-lock.json) on the same ties.
#   bash bench/kuzu/run.sh [preset=province] [seed=42]
set -euo pipefail
cd "$(dirname "$0")/../.."
preset="${1:-province}"
seed="${2:-42}"
directory=".data/bench/kuzu-$preset-$seed"

(cd bench/kuzu && npm ci --no-audit --no-fund --loglevel=error)
dotnet run -c Release --project bench/Graph.Bench.Collaboration -- kuzu "$preset" "$seed" "$directory"
node bench/kuzu/compare.mjs "$directory"
