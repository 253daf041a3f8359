#!/usr/bin/env bash
# `gatewayctl report` over a month of realistic log: the generator's lines
# (examples/laravel_log.rs with DAYS=30: request lines from a pool of 5,000
# callers, payloads, SQL, stack traces, rate-limit rejections, a Cal.com
# outage about once a day) split into daily rotations beside a lab's
# laravel.log. Times `report --since 30d --format json` (every line read,
# tallied per route and identity, plus the security scan of every file) and
# takes its peak RSS, beside the plan's own review command, `grep "Rate limit
# exceeded" | wc -l` (with ripgrep, over the same files), in the same run.
#
# Usage: bash scripts/bench-report.sh [MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-3072}"
runs="${2:-3}"
if ! command -v rg >/dev/null; then apt-get install -y -qq ripgrep >/dev/null; fi
if [ ! -x /usr/bin/time ]; then apt-get install -y -qq time >/dev/null; fi
bash scripts/deps.sh >/dev/null
cargo build --quiet --release --locked --example laravel_log
. scripts/lib/bench-lab.sh
bench_lab bench-report-lab
logs="$dir/app/storage/logs"
month="$PWD/target/bench-month-$mb"
if [ ! -e "$month/done" ]; then
  echo "generating a month of log, ${mb} MB, in daily files" >&2
  rm -rf "$month"; mkdir -p "$month"
  target/release/examples/laravel_log "$mb" 7 30 2>/dev/null \
    | awk -v dir="$month" '/^\[20[0-9][0-9]-/ { d = substr($0, 2, 10); if (d != day) { if (f) close(f); day = d; f = dir "/laravel-" d ".log" } } { print > f }'
  touch "$month/done"
fi
cp "$month"/laravel-*.log "$logs"/
files=$(ls "$logs"/laravel*.log | wc -l)
size=$(cat "$logs"/laravel*.log | wc -c)

best() { sort -n | head -1; }
ours=(); peer=(); rss=()
for _ in $(seq "$runs"); do
  t0=$(date +%s%3N)
  /usr/bin/time -f '%M' -o "$dir/rss" "$g" --quiet --config "$config" report --since 30d --format json > "$dir/report.json" || true
  t1=$(date +%s%3N)
  rg -c --no-filename 'Rate limit exceeded' "$logs" | awk '{ n += $1 } END { print n }' > "$dir/peer.out"
  t2=$(date +%s%3N)
  ours+=($((t1 - t0))); peer+=($((t2 - t1))); rss+=($(cat "$dir/rss"))
done
o=$(printf '%s\n' "${ours[@]}" | best); p=$(printf '%s\n' "${peer[@]}" | best)
r=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
read -r lines requests violations ids <<<"$(python3 -c "
import json; r = json.load(open('$dir/report.json'))
print(r['logs']['lines'], r['logs']['requests'], r['limits']['violations'], r['limits']['identities_seen'])")"
echo "log: $((size / 1048576)) MB in $files files; $lines lines in the period, $requests requests, $ids identities"
echo "report --since 30d: $o ms, peak RSS $((r / 1024)) MB (violations: $violations)"
echo "rg -c 'Rate limit exceeded' | sum: $p ms (violations: $(cat "$dir/peer.out"))"
awk -v o="$o" -v p="$p" 'BEGIN { printf "ratio: %.2f (the report also tallies every request per route and identity, and scans for secrets)\n", o / p }'
[ "$violations" = "$(cat "$dir/peer.out")" ] || { echo "MISMATCH: the report and grep count different violations" >&2; exit 1; }
