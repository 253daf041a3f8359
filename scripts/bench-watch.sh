#!/usr/bin/env bash
# watch's own cost: CPU and memory over a run against a lab while the log
# grows at 1,000 lines/s (contract-shaped lines; 1 in 50 a rate-limit line).
# Usage: bash scripts/bench-watch.sh [SECONDS]   (default 600 = 10 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
command -v python3 >/dev/null || { echo "python3 is needed for the log writer" >&2; exit 3; }
bash scripts/deps.sh
. scripts/lib/bench-lab.sh
bench_lab bench-watch-lab
log="$dir/app/storage/logs/laravel.log"
touch "$log"

python3 - "$log" "$secs" <<'PY' &
import sys, time
path, secs = sys.argv[1], int(sys.argv[2])
api = '[2026-11-25 12:00:00] production.INFO: API request {"method":"POST","path":"/api/v2/bookings","status":201,"duration_ms":12.5,"identity":"3a96e9c964e5748305804256c31f5bcf"} \n'
hit = '[2026-11-25 12:00:00] production.WARNING: Rate limit exceeded {"identity":"0170ef0e406375a5f6c9aac0d0c8356d","bucket":"bookings","limit":30,"count":31} \n'
batch = "".join(hit if i % 50 == 0 else api for i in range(100))
start = time.time()
with open(path, "a") as f:
    for tick in range(secs * 10):  # 100 lines every 100 ms, bounded
        f.write(batch); f.flush()
        time.sleep(max(0, start + (tick + 1) / 10 - time.time()))
PY
writer=$!

"$g" --config "$config" watch --duration "${secs}s" --interval 10s --format json > target/bench-watch.jsonl &
watch=$!
clk=$(getconf CLK_TCK)
peak=0; cpu=0
while kill -0 "$watch" 2>/dev/null; do
  if [ -r "/proc/$watch/stat" ]; then
    read -r -a st < "/proc/$watch/stat" || true
    [ "${#st[@]}" -gt 15 ] && cpu=$(( ${st[13]} + ${st[14]} ))
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$watch/status" 2>/dev/null || echo 0)
    [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
  fi
  sleep 1
done
wait "$writer" || true
lines=$(python3 -c "import json,sys; print(json.loads(open('target/bench-watch.jsonl').read().splitlines()[-1])['requests'])")
echo "watch over ${secs} s with the log growing at 1,000 lines/s: CPU $(awk -v t="$cpu" -v h="$clk" -v s="$secs" 'BEGIN {printf "%.2f s (%.2f%% of one core)", t/h, t/h/s*100}'), peak RSS $((peak / 1024)) MB, API request lines counted: $lines"
