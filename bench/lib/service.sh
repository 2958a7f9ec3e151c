#!/usr/bin/env bash
# What the HTTP benchmarks share: a Release build of the service, a generated preset kept under .data/bench/, a fresh
# SQLite file imported from it, and the service started on a free port and waited for. Sourced, not run:
#   source "$root/bench/lib/service.sh"
#   bench_build                                   # sets api=(dotnet …/Graph.Api.dll)
#   preset="$(bench_preset province)"             # generates .data/bench/province-seed42-csv once
#   bench_import "$preset" "$db"                  # a fresh $db
#   url="$(bench_free_url)"
#   bench_start "$url" "$log" 180 --Store:Sqlite:Path="$db" …   # sets service, stops it on exit, waits for /health/ready

bench_build() {
  dotnet build "$root/src/Graph.Api" -c Release --nologo -v quiet
  api=(dotnet "$root/src/Graph.Api/bin/Release/net10.0/Graph.Api.dll")
}

# The folder of a generated preset (seed 42), made once.
bench_preset() {
  local folder="$root/.data/bench/$1-seed42-csv"
  if [ ! -f "$folder/.complete" ]; then
    rm -rf "$folder"
    "${api[@]}" generate --preset "$1" --seed 42 "$folder" >&2
    touch "$folder/.complete"
  fi
  echo "$folder"
}

# A fresh SQLite file holding the preset (no sample data).
bench_import() {
  rm -f "$2" "$2-wal" "$2-shm"
  echo "importing into a fresh $2"
  "${api[@]}" import "$1" --Store:Sqlite:Path="$2" --Store:LoadSampleData=false
}

bench_free_url() {
  echo "http://127.0.0.1:$(node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"
}

# Starts the service at the URL with the given settings, logging to the file; stops it when the script exits; waits
# up to the given seconds for /health/ready.
bench_start() {
  local url="$1" log="$2" wait="$3"
  shift 3
  "${api[@]}" --Urls="$url" "$@" > "$log" 2>&1 &
  service=$!
  trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
  for _ in $(seq 1 "$wait"); do
    if curl -fsS "$url/health/ready" > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$service" 2>/dev/null; then echo "the service stopped; see $log" >&2; exit 1; fi
    sleep 1
  done
  curl -fsS "$url/health/ready" > /dev/null || { echo "not ready after $wait s; see $log" >&2; exit 1; }
}
