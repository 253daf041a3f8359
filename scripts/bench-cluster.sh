#!/usr/bin/env bash
# keys count on a three-primary Redis Cluster (loopback) holding N limiter
# keys among 2N (default N = 300,000), beside the redis-cli way: the
# primaries from `redis-cli --cluster call`, then `redis-cli --scan
# --pattern P | wc -l` on each. Same keys, same run; prints the ratio.
# Both use SCAN on every primary (never KEYS: INFO commandstats is checked),
# and SLOWLOG gives the server time of each of gatewayctl's SCAN calls (wall
# time on the server: on a VM, a rare call measures the host's scheduling,
# at ten times the median; run it on an otherwise idle machine).
# Usage: bash scripts/bench-cluster.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-300000}"
bash scripts/deps.sh
cargo build --quiet --release --locked
g="$PWD/target/release/gatewayctl"
dir="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ports=()
for i in 1 2 3; do
  port=$(free_port); bus=$(free_port)
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --cluster-enabled yes --cluster-port "$bus" --cluster-config-file "$dir/nodes-$i.conf" \
    --pidfile "$dir/redis-$i.pid" --logfile "$dir/redis-$i.log" --dir "$dir"
  ports+=("$port")
done
trap 'for f in "$dir"/redis-*.pid; do kill "$(cat "$f")" 2>/dev/null || true; done; rm -rf "$dir"' EXIT
for p in "${ports[@]}"; do for _ in $(seq 50); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.1; done; done
redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >/dev/null
for p in "${ports[@]}"; do
  for _ in $(seq 100); do redis-cli -p "$p" CLUSTER INFO | grep -q cluster_state:ok && break; sleep 0.1; done
done
# N limiter keys and N others (abuse counters, cache entries), each piped to
# the primary that owns its slot (bounded by N).
python3 - "$n" "$dir" "${ports[@]}" <<'PY'
import hashlib, subprocess, sys
n, d, ports = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
def crc16(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc
owners = []
for p in ports:
    line = [l for l in subprocess.run(["redis-cli", "-p", p, "CLUSTER", "NODES"], capture_output=True, text=True).stdout.splitlines() if "myself" in l][0]
    for r in line.split()[8:]:
        a, _, b = r.partition("-")
        owners.append((int(a), int(b or a), p))
streams = {p: [] for p in ports}
def put(k):
    s = crc16(k.encode()) % 16384
    p = next(p for a, b, p in owners if a <= s <= b)
    streams[p].append(f"*3\r\n$3\r\nSET\r\n${len(k)}\r\n{k}\r\n$1\r\n1\r\n")
for i in range(n):
    h = hashlib.md5(str(i).encode()).hexdigest()
    put(f"rate_limit:{h}:bookings")
    put(f"abuse:{h}" if i % 2 else f"laravel_cache:tenant:{i % 97}:availability:{i}")
for p, lines in streams.items():
    subprocess.run(["redis-cli", "-p", p, "--pipe"], input="".join(lines).encode(), check=True, capture_output=True)
PY
printf '[redis]\nmode = "cluster"\nurl = "redis://127.0.0.1:%s/0"\nnodes = ["127.0.0.1:%s"]\nprefix = ""\n' "${ports[0]}" "${ports[0]}" > "$dir/gatewayctl.toml"
ms() { date +%s%3N; }
for p in "${ports[@]}"; do
  redis-cli -p "$p" CONFIG SET slowlog-max-len 100000 >/dev/null
  redis-cli -p "$p" CONFIG SET slowlog-log-slower-than 0 >/dev/null
  redis-cli -p "$p" SLOWLOG RESET >/dev/null
  redis-cli -p "$p" CONFIG RESETSTAT >/dev/null
done
t0=$(ms); ours=$("$g" --config "$dir/gatewayctl.toml" --app-dir "$dir" keys count 'rate_limit:*' --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'); t1=$(ms)
for p in "${ports[@]}"; do
  redis-cli -p "$p" CONFIG SET slowlog-log-slower-than 10000 >/dev/null
  redis-cli -p "$p" --json SLOWLOG GET 100000
done | python3 -c '
import json, sys
dec, text, scans = json.JSONDecoder(), sys.stdin.read(), []
while text.strip():
    obj, end = dec.raw_decode(text.lstrip()); text = text.lstrip()[end:]
    scans += [e[2] for e in obj if e[3] and e[3][0].upper() == "SCAN"]
scans.sort()
over = sum(s > 1000 for s in scans)
print(f"server time per SCAN call on 3 primaries (SLOWLOG, {len(scans)} calls): median {scans[len(scans)//2]} us, p99 {scans[len(scans)*99//100]} us, max {scans[-1]} us; {over} over 1 ms")'
for p in "${ports[@]}"; do
  if redis-cli -p "$p" INFO commandstats | grep -q '^cmdstat_keys:'; then echo "KEYS was called on $p" >&2; exit 1; fi
done
echo "INFO commandstats on every primary: no KEYS call"
t1=$(ms)
primaries=$(redis-cli --cluster call "127.0.0.1:${ports[0]}" PING --cluster-only-masters | awk -F': ' '/^[0-9.]+:[0-9]+: PONG/ {print $1}')
peer=$(for node in $primaries; do redis-cli -h "${node%:*}" -p "${node##*:}" --scan --pattern 'rate_limit:*'; done | wc -l); t2=$(ms)
if [ "$ours" != "$n" ] || [ "$peer" != "$n" ]; then echo "counts differ: gatewayctl $ours, redis-cli $peer, keys $n" >&2; exit 1; fi
awk -v n="$n" -v a="$ours" -v b="$peer" -v ga=$((t1 - t0)) -v pb=$((t2 - t1)) 'BEGIN {
  printf "keys count on a 3-primary cluster, %d of %d keys: gatewayctl %d in %d ms; redis-cli --cluster call + --scan | wc -l %d in %d ms; gatewayctl takes %.2fx the time\n", n, 2 * n, a, ga, b, pb, ga / pb
}'
