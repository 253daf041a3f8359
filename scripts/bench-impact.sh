#!/usr/bin/env bash
# The input-validation impact preview on a realistic laravel.log: the
# generator's lines (examples/laravel_log.rs: request lines, payloads, SQL,
# stack traces) with the lab's own logged `Retell collect appointment`
# calls interleaved, one every 50 lines. Times `integrate input-validation
# --impact --since all` (read every line, replay each payload through the
# FormRequest by PHP on a shadow) beside `grep -c` of the message alone
# (the reading part only), same file, same run: best of RUNS.
#
# Usage: bash scripts/bench-impact.sh [MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-256}"
runs="${2:-3}"
bash scripts/deps.sh >/dev/null
cargo build --quiet --release --locked --example laravel_log
. scripts/lib/bench-lab.sh
bench_lab bench-impact-lab
log="$dir/app/storage/logs/laravel.log"
calls="$dir/calls.log"
grep 'Retell collect appointment' "$log" > "$calls"
echo "generating a ${mb} MB laravel.log with the lab's $(wc -l < "$calls") calls interleaved" >&2
target/release/examples/laravel_log "$mb" 2>/dev/null \
  | awk -v calls="$calls" 'BEGIN { while ((getline l < calls) > 0) c[n++] = l } { print } NR % 50 == 0 { print c[i++ % n] }' > "$log.new"
mv "$log.new" "$log"
size=$(stat -c %s "$log")
payloads=$(grep -c 'Retell collect appointment' "$log")

ms() { date +%s%3N; }
best() { sort -n | head -1; }
ours=(); peer=()
for _ in $(seq "$runs"); do
  t0=$(ms); "$g" --config "$config" integrate input-validation --impact --since all --format json > "$dir/impact.json"; t1=$(ms)
  grep -c 'Retell collect appointment' "$log" > "$dir/grep.out"; t2=$(ms)
  ours+=($((t1 - t0))); peer+=($((t2 - t1)))
done
o=$(printf '%s\n' "${ours[@]}" | best); p=$(printf '%s\n' "${peer[@]}" | best)
read -r replayed refused sanitized < <(python3 -c "import json;i=json.load(open('$dir/impact.json'))['impact'];print(i['payloads'],i['refused'],i['sanitized'])")
echo "file: $((size / 1048576)) MB, $payloads collect-appointment payloads"
echo "integrate --impact: $o ms (read, and $((replayed + sanitized)) payloads replayed by PHP: $refused refused, $sanitized counted apart)"
echo "grep -c (reading alone): $p ms"
awk -v o="$o" -v p="$p" 'BEGIN { printf "ratio: %.2f (the preview does the reading and the replay)\n", o / p }'
