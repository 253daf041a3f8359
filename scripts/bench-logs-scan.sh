#!/usr/bin/env bash
# logs scan on a realistic laravel.log (examples/laravel_log.rs: request
# lines, Retell and Cal.com payloads with epoch milliseconds and phone
# numbers, SQL with bindings, stack traces, hashed emails, redacted keys, and
# one planted leak every 100,000 lines), beside ripgrep with the keyword
# alternation alone, on the same file in the same run.
#
# Prints the one-core figures (both tools pinned to one CPU), then both tools
# free to use every core, each as a ratio, and checks that the findings are
# exactly the planted leaks.
#
# Usage: bash scripts/bench-logs-scan.sh [MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-1024}"
runs="${2:-5}"
if ! command -v rg >/dev/null; then
  echo "installing ripgrep (the peer tool)" >&2
  apt-get install -y -qq ripgrep >/dev/null
fi
cargo build --quiet --release --locked --bin gatewayctl --example laravel_log
g="$PWD/target/release/gatewayctl"
log="$PWD/target/bench-realistic-$mb.log"
if [ ! -s "$log" ] || [ ! -s "$log.planted" ]; then
  echo "generating a ${mb} MB laravel.log" >&2
  target/release/examples/laravel_log "$mb" > "$log" 2> "$log.meta"
  grep -o 'planted_leaks [0-9]*' "$log.meta" | cut -d' ' -f2 > "$log.planted"
fi
size=$(stat -c %s "$log")
planted=$(cat "$log.planted")
keywords='password|secret|token|api[_-]?key|authorization|cookie'

# Best of RUNS wall-clock milliseconds of a command (page cache warm).
best_ms() {
  local best=999999999 t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s%N)
    best=$(( (t1 - t0) / 1000000 < best ? (t1 - t0) / 1000000 : best ))
  done
  echo "$best"
}
rate() { awk -v b="$size" -v ms="$1" 'BEGIN { printf "%.2f GB/s (10^9 bytes)", b / 1e9 / (ms / 1000) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat "$log" > /dev/null
"$g" logs scan --file "$log" --max-findings 100000 --format json > target/bench-scan.json || true
found=$(grep -o '"total_findings": *[0-9]*' target/bench-scan.json | grep -o '[0-9]*$')

one_g=$(best_ms taskset -c 0 "$g" logs scan --file "$log" --max-findings 100 --format json)
one_rg=$(best_ms taskset -c 0 rg -c -i -e "$keywords" "$log")
all_g=$(best_ms "$g" logs scan --file "$log" --max-findings 100 --format json)
all_rg=$(best_ms rg -c -i -e "$keywords" "$log")

echo "file: $((size / 1048576)) MB, $(wc -l < "$log") lines, $planted planted leaks; best of $runs runs"
echo "findings: $found (planted: $planted)"
printf '%-34s %6s ms  %s\n' "gatewayctl logs scan, 1 core" "$one_g" "$(rate "$one_g")"
printf '%-34s %6s ms  %s\n' "rg -c -i keywords, 1 core" "$one_rg" "$(rate "$one_rg")"
echo "ratio gatewayctl/rg, 1 core: $(ratio "$one_g" "$one_rg") (below 1: gatewayctl is faster)"
printf '%-34s %6s ms  %s\n' "gatewayctl logs scan, $(nproc) cores" "$all_g" "$(rate "$all_g")"
printf '%-34s %6s ms  %s\n' "rg -c -i keywords, $(nproc) cores" "$all_rg" "$(rate "$all_rg")"
echo "ratio gatewayctl/rg, all cores: $(ratio "$all_g" "$all_rg")"
if [ "$found" != "$planted" ]; then
  echo "FINDINGS DIFFER FROM THE PLANTED LEAKS" >&2
  exit 1
fi
