#!/usr/bin/env bash
# Measures `rollback emergency` on a lab, from command to verified health
# (edit proven on a shadow copy, written, caches cleared, graceful reload,
# rate limiting observed off, /api/health 200), then undoes it; N runs.
# Usage: bash scripts/bench-rollback.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"

bash scripts/deps.sh
. scripts/lib/bench-lab.sh
bench_lab bench-rollback-lab
# Phase 1 first, as the plan runs it: preflight proves the rollback ahead.
"$g" --config "$config" preflight --format json >/dev/null || true

ms() { date +%s%3N; }
times=()
for _ in $(seq "$runs"); do
  t0=$(ms); "$g" --config "$config" rollback emergency --format json >/dev/null; t1=$(ms)
  times+=($((t1 - t0)))
  "$g" --config "$config" --yes rollback undo rate-limit --format json >/dev/null
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "rollback emergency: min %d ms, median %d ms, max %d ms (%d runs)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'
