#!/usr/bin/env bash
# stress against a static file served by a lab's nginx: how well rate mode
# holds its target, and max mode's throughput beside oha and wrk on the same
# endpoint in the same run, as ratios, and each tool's CPU (user + sys) per
# request completed. Each max figure is the best of ROUNDS runs, the tools
# taking turns. Everything on loopback, bounded in time.
# Usage: bash scripts/bench-stress.sh [SECONDS] [ROUNDS]
# Installs the peers when missing: wrk from Debian, oha from crates.io
# (into target/peers).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-8}"
rounds="${2:-2}"
bash scripts/deps.sh
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
oha=$(command -v oha || echo "$PWD/target/peers/bin/oha")
if [ ! -x "$oha" ]; then
  echo "installing oha from crates.io into target/peers (a few minutes, once)" >&2
  CARGO_TARGET_DIR="$PWD/target/peers/build" cargo install oha --locked --root "$PWD/target/peers" >/dev/null 2>&1
fi
. scripts/lib/bench-lab.sh
bench_lab bench-stress-lab
url=$(sed -n 's/^base_url = "\(.*\)"/\1/p' "$config")/static.txt

if [ "${SKIP_RATE:-}" != 1 ]; then
echo "== rate mode: target vs achieved (10 s each, GET /static.txt, 256 connections)"
for rate in 500 1000 2000; do
  "$g" --config "$config" stress rate-limit --route "GET /static.txt" --unlisted-path --rate "$rate" --duration 10s \
    --connections 256 --allow-high-load --format json |
    python3 -c 'import json,sys; r=json.load(sys.stdin)["rate"]; print("target %5.0f/s: sent %8.1f/s (%+.2f%%), completed %8.1f/s, p50 %.2f ms, p99 %.2f ms, statuses %s" % (r["target_rate"], r["send_rate"], (r["send_rate"]/r["target_rate"]-1)*100, r["completed_rate"], r["p50_ms"], r["p99_ms"], r["statuses"]))'
done
fi

echo "== max throughput, 64 connections, ${secs} s, best of ${rounds}; client CPU (user + sys) per request completed"
# Each tool runs under /usr/bin/time: its CPU, beside the requests it completed, from the same run.
best_g=0; best_oha=0; best_wrk=0
cpu_g=999; cpu_oha=999; cpu_wrk=999
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
us_per() { awk -v c="$1" -v n="$2" 'BEGIN { printf "%.2f", (n > 0 ? c * 1e6 / n : 999) }'; }
timed() { /usr/bin/time -f '%U %S' -o target/bench-stress.time "$@"; }
# The last line: time writes a note first when the command's exit is not 0.
cpu() { tail -n 1 target/bench-stress.time | awk '{ print $1 + $2 }'; }
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
out=target/bench-stress.out
for _ in $(seq "$rounds"); do
  timed "$g" --config "$config" stress rate-limit --route "GET /static.txt" --unlisted-path --max --connections 64 \
    --duration "${secs}s" --allow-high-load --format json > "$out" || true
  read -r rps n < <(python3 -c 'import json,sys; r=json.load(sys.stdin)["rate"]; print("%.0f %d" % (r["completed_rate"], r["sent"]))' < "$out")
  best_g=$(max "$best_g" "$rps"); cpu_g=$(min "$cpu_g" "$(us_per "$(cpu)" "$n")")
  timed "$oha" -z "${secs}s" -c 64 --no-tui --output-format json "$url" > "$out" 2>/dev/null || true
  read -r rps n < <(python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.0f %d" % (d["summary"]["requestsPerSec"], sum(d["statusCodeDistribution"].values())))' < "$out")
  best_oha=$(max "$best_oha" "$rps"); cpu_oha=$(min "$cpu_oha" "$(us_per "$(cpu)" "$n")")
  timed wrk -t2 -c64 -d"${secs}s" "$url" > "$out" || true
  read -r rps n < <(awk '/requests in/ {n=$1} /Requests\/sec/ {r=$2} END {printf "%.0f %d\n", r, n}' "$out")
  best_wrk=$(max "$best_wrk" "$rps"); cpu_wrk=$(min "$cpu_wrk" "$(us_per "$(cpu)" "$n")")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-34s %8s req/s  %6s us CPU/request\n' "gatewayctl stress --max -c 64" "$best_g" "$cpu_g" "oha -c 64" "$best_oha" "$cpu_oha" "wrk -t2 -c64" "$best_wrk" "$cpu_wrk"
echo "ratio gatewayctl/oha: $(ratio "$best_g" "$best_oha"), gatewayctl/wrk: $(ratio "$best_g" "$best_wrk") (above 1: gatewayctl is faster)"
echo "CPU per request, gatewayctl/wrk: $(ratio "$cpu_g" "$cpu_wrk"), gatewayctl/oha: $(ratio "$cpu_g" "$cpu_oha") (below 1: gatewayctl is cheaper)"
