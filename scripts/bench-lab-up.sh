#!/usr/bin/env bash
# Measures `lab up` (command start to a healthy /api/health) and `lab down`
# over N runs on a machine that has the packages: min / median / max.
# Usage: bash scripts/bench-lab-up.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"

bash scripts/deps.sh
cargo build --quiet --release --locked
g="$PWD/target/release/gatewayctl"
dir="$PWD/target/bench-lab"

ms() { date +%s%3N; }
ups=(); downs=()
for _ in $(seq "$runs"); do
  rm -rf "$dir"
  t0=$(ms); "$g" lab up --dir "$dir" --format json >/dev/null; t1=$(ms)
  "$g" lab down --dir "$dir" --format json >/dev/null; t2=$(ms)
  ups+=($((t1 - t0))); downs+=($((t2 - t1)))
done

stats() { sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms (%d runs)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'; }
echo "lab up:   $(printf '%s\n' "${ups[@]}" | stats)"
echo "lab down: $(printf '%s\n' "${downs[@]}" | stats)"
