#!/usr/bin/env bash
# stress in rate mode against a static file served by a lab's nginx: how
# well it holds target rates, and its maximum throughput beside oha and wrk
# on the same endpoint. Everything on loopback, bounded in time.
# Usage: bash scripts/bench-stress.sh   (needs wrk: apt-get install -y wrk;
#        oha: cargo install oha --root /opt/oha, or on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
. scripts/lib/bench-lab.sh
bench_lab bench-stress-lab
oha=$(command -v oha || echo /opt/oha/bin/oha)
url=$(sed -n 's/^base_url = "\(.*\)"/\1/p' "$config")/static.txt

show_rate() {
  python3 -c 'import json,sys; r=json.load(sys.stdin)["rate"]; print("target %.0f/s: sent %.1f/s (%+.2f%%), completed %.1f/s, p50 %.2f ms, p99 %.2f ms, statuses %s" % (r["target_rate"], r["send_rate"], (r["send_rate"]/r["target_rate"]-1)*100, r["completed_rate"], r["p50_ms"], r["p99_ms"], r["statuses"]))'
}
show_max() {
  python3 -c 'import json,sys; r=json.load(sys.stdin)["rate"]; print("gatewayctl: %.0f req/s, p50 %.2f ms, p99 %.2f ms" % (r["completed_rate"], r["p50_ms"], r["p99_ms"]))'
}
echo "== rate mode: target vs achieved (10 s each, GET /static.txt)"
for rate in 500 1000 2000; do
  "$g" --config "$config" stress rate-limit --route "GET /static.txt" --unlisted-path --rate "$rate" --duration 10s \
    --connections 256 --allow-high-load --format json | show_rate
done

echo "== max throughput, 64 connections, 10 s"
"$g" --config "$config" stress rate-limit --route "GET /static.txt" --unlisted-path --max --connections 64 --duration 10s --allow-high-load --format json | show_max
if [ -x "$oha" ]; then
  "$oha" -z 10s -c 64 --no-tui --output-format json "$url" 2>/dev/null |
    python3 -c 'import json,sys; print("oha:        %.0f req/s" % json.load(sys.stdin)["summary"]["requestsPerSec"])'
fi
wrk -t2 -c64 -d10s "$url" | awk '/Requests\/sec/ {printf "wrk:        %.0f req/s\n", $2}'
