#!/usr/bin/env bash
# Runs every command of README.md's ```bash blocks exactly as written, from the repository root, in a fresh clone (CI).
# - `dotnet run --project src/Graph.Api` (the service) is started in the background first and stopped at the end;
#   the other commands run one after another while it serves on localhost:5080.
# - `dotnet test` is the test command CI runs itself, and the benchmark commands (bench/…) take longer than a CI run
#   allows: they are listed as skipped with that reason. Their results in README were measured by hand, as README says
#   beside each.
# - A command fails the run when it exits non-zero, or when what it prints is a GraphQL answer with errors.
# Exit code 0 when every command ran and succeeded; the last line says how many ran and how many were skipped.
set -uo pipefail
cd "$(dirname "$0")/../.."

commands=()
while IFS= read -r command; do commands+=("$command"); done < <(awk '
  /^```bash$/ { inside = 1; next }
  /^```/ { inside = 0; next }
  inside {
    line = $0
    if (line ~ /\\$/) { sub(/\\$/, "", line); pending = pending line; next }
    line = pending line; pending = ""
    if (line ~ /^[ \t]*$/) next
    print line
  }' README.md)

service_pid=""
stop_service() {
  if [ -n "$service_pid" ]; then
    kill -- -"$service_pid" 2>/dev/null || kill "$service_pid" 2>/dev/null
    wait "$service_pid" 2>/dev/null
    service_pid=""
  fi
}
trap stop_service EXIT

ran=0; skipped=0; failed=0
for command in "${commands[@]}"; do
  bare="${command%%#*}"; bare="${bare%"${bare##*[![:space:]]}"}"
  case "$bare" in
    "dotnet run --project src/Graph.Api")
      echo "== $bare  (started in the background)"
      set -m; bash -c "$bare" > .data-readme-service.log 2>&1 & service_pid=$!; set +m
      # The first `dotnet run` builds the service (and the explorer) before it listens: wait up to 15 minutes.
      for _ in $(seq 1 900); do
        curl -fs localhost:5080/health/live >/dev/null 2>&1 && break
        kill -0 "$service_pid" 2>/dev/null || break
        sleep 1
      done
      if ! curl -fs localhost:5080/health/live >/dev/null 2>&1; then
        echo "the service did not start:"; tail -n 40 .data-readme-service.log; exit 1
      fi
      ran=$((ran + 1)); continue ;;
    "dotnet test")
      echo "== $bare  (skipped: CI runs it as the test command)"; skipped=$((skipped + 1)); continue ;;
    *"--project bench/"*|*"bench/http/"*)
      echo "== $bare  (skipped: a benchmark, run by hand)"; skipped=$((skipped + 1)); continue ;;
  esac
  echo "== $bare"
  output="$(bash -c "$command" 2>&1)"; code=$?
  ran=$((ran + 1))
  if [ $code -ne 0 ] || printf '%s' "$output" | grep -q '^{"errors"\|"errors":\['; then
    echo "FAILED (exit $code):"; printf '%s\n' "$output" | tail -n 20
    failed=$((failed + 1))
  fi
done
stop_service
rm -f .data-readme-service.log
echo "README commands: $ran ran, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
