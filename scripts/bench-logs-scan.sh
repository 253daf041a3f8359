#!/usr/bin/env bash
# logs scan on a synthetic 1 GB Laravel log, on one core, beside ripgrep
# with the same patterns on the same file.
# Usage: bash scripts/bench-logs-scan.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-1024}"
command -v python3 >/dev/null || { echo "python3 is needed to generate the log" >&2; exit 3; }
command -v rg >/dev/null || { echo "install ripgrep: apt-get install -y ripgrep" >&2; exit 3; }
cargo build --quiet --release --locked
g="$PWD/target/release/gatewayctl"
log="$PWD/target/bench-laravel.log"

if [ ! -f "$log.v2" ] || [ "$(stat -c %s "$log")" -lt $((mb * 1024 * 1024)) ]; then
  touch "$log.v2"
  python3 - "$log" "$mb" <<'PY'
import sys, random
path, mb = sys.argv[1], int(sys.argv[2])
random.seed(1)
normal = [
    '[2026-11-25 12:{m:02d}:{s:02d}] production.INFO: API request {{"method":"POST","path":"/api/v2/bookings","status":201,"duration_ms":{d}.{c:02d},"identity":"3a96e9c964e5748305804256c31f5bcf"}} \n',
    '[2026-11-25 12:{m:02d}:{s:02d}] production.INFO: Cal.com webhook received {{"event":"BOOKING_CREATED","password":"[REDACTED]","attendee":{{"email":"96d9632f3635@example.com","name":"Jo"}},"order":"4111111111111112"}} \n',
    '[2026-11-25 12:{m:02d}:{s:02d}] production.WARNING: Rate limit exceeded {{"identity":"0170ef0e406375a5f6c9aac0d0c8356d","bucket":"bookings","limit":30,"count":{d}}} \n',
]
planted = [
    '[2026-11-25 12:00:00] production.INFO: Retell webhook received {"password":"hunter2","call":{"token":"tok-123"}} \n',
    '[2026-11-25 12:00:00] production.INFO: card {"card":"4111 1111 1111 1111","email":"john@example.com"} \n',
]
target = mb * 1024 * 1024
written = 0
with open(path, "w") as f:
    block = []
    # A gateway's log is mostly request lines: 90% API request, 5% webhook
    # payloads (a redacted key, a hashed email, an order number), 5% warnings.
    weights = [90, 5, 5]
    for i in range(20000):
        t = random.choices(normal, weights)[0]
        block.append(t.format(m=i % 60, s=(i * 7) % 60, d=random.randint(1, 99), c=random.randint(0, 99)))
    block.append(planted[0]); block.append(planted[1])
    text = "".join(block)
    while written < target:
        f.write(text); written += len(text)
PY
fi
size=$(stat -c %s "$log")
ms() { date +%s%3N; }

t0=$(ms); taskset -c 0 "$g" logs scan --file "$log" --max-findings 10 --format json > target/bench-scan.json || true; t1=$(ms)
t2=$(ms); taskset -c 0 rg -c -i -e 'password|secret|token|api[_-]?key|authorization|cookie' -e '@' -e '[0-9]{13,19}' "$log" > /dev/null || true; t3=$(ms)
rate() { awk -v b="$size" -v ms="$1" 'BEGIN { printf "%.0f MB/s", b / 1048576 / (ms / 1000) }'; }
echo "file: $((size / 1048576)) MB"
echo "gatewayctl logs scan (1 core): $((t1 - t0)) ms, $(rate $((t1 - t0)))"
echo "rg, same patterns   (1 core): $((t3 - t2)) ms, $(rate $((t3 - t2)))"
grep -o '"total_findings": [0-9]*' target/bench-scan.json
