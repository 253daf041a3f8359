#!/usr/bin/env bash
# keys count on N keys (default 1,000,000) in a private redis-server on
# loopback, beside `redis-cli --scan --pattern P | wc -l`, same server, same
# run, printing the ratio. Both use SCAN (never KEYS): INFO commandstats
# shows no KEYS call, and SLOWLOG (every command logged during our run)
# gives the server time of each SCAN call, whose maximum must stay under 1 ms.
# Usage: bash scripts/bench-keys.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
bash scripts/deps.sh
cargo build --quiet --release --locked
g="$PWD/target/release/gatewayctl"
dir="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
# N limiter keys and N/10 others, loaded in one pipe (bounded by N).
python3 - "$n" <<'PY' | redis-cli -p "$port" --pipe >/dev/null
import hashlib, sys
n = int(sys.argv[1])
out = sys.stdout
for i in range(n):
    k = f"rate_limit:{hashlib.md5(str(i).encode()).hexdigest()}:bookings"
    out.write(f"*3\r\n$3\r\nSET\r\n${len(k)}\r\n{k}\r\n$1\r\n1\r\n")
for i in range(n // 10):
    k = f"circuit_breaker:svc{i}:state"
    out.write(f"*3\r\n$3\r\nSET\r\n${len(k)}\r\n{k}\r\n$6\r\nclosed\r\n")
PY
# The default scan_count (250): the one a production run uses.
printf '[redis]\nurl = "redis://127.0.0.1:%s/0"\nprefix = ""\n' "$port" > "$dir/gatewayctl.toml"
ms() { date +%s%3N; }
redis-cli -p "$port" CONFIG SET slowlog-max-len 100000 >/dev/null
redis-cli -p "$port" CONFIG SET slowlog-log-slower-than 0 >/dev/null
redis-cli -p "$port" SLOWLOG RESET >/dev/null
redis-cli -p "$port" CONFIG RESETSTAT >/dev/null
t0=$(ms); ours=$("$g" --config "$dir/gatewayctl.toml" --app-dir "$dir" keys count 'rate_limit:*' --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'); t1=$(ms)
redis-cli -p "$port" CONFIG SET slowlog-log-slower-than 10000 >/dev/null
redis-cli -p "$port" --json SLOWLOG GET 100000 | python3 -c '
import json, sys
scans = sorted(e[2] for e in json.load(sys.stdin) if e[3] and e[3][0].upper() == "SCAN")
print(f"server time per SCAN call (SLOWLOG, {len(scans)} calls): median {scans[len(scans)//2]} us, max {scans[-1]} us; {sum(s > 1000 for s in scans)} over 1 ms")'
if redis-cli -p "$port" INFO commandstats | grep -q '^cmdstat_keys:'; then echo "KEYS was called" >&2; exit 1; fi
echo "INFO commandstats: no KEYS call"
peer=$(redis-cli -p "$port" --scan --pattern 'rate_limit:*' | wc -l); t2=$(ms)
awk -v n="$n" -v a="$ours" -v b="$peer" -v ga=$((t1 - t0)) -v pb=$((t2 - t1)) 'BEGIN {
  printf "keys count on %d keys: gatewayctl %d in %d ms; redis-cli --scan | wc -l %d in %d ms; gatewayctl takes %.2fx the time\n", n, a, ga, b, pb, ga / pb
}'
