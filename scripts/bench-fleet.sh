#!/usr/bin/env bash
# The fleet's emergency rollback beside one host's, same run: three lab
# gateways (each its own php-fpm, nginx, Redis) reached through a real
# OpenSSH server on a loopback port with generated keys, and
# `rollback emergency --hosts all` timed against `rollback emergency` on
# one of them locally; each is undone before the next round. Best of RUNS.
# Target (issue #14): the fleet under 1.5x the single host.
#
# Usage: bash scripts/bench-fleet.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
bash scripts/deps.sh >/dev/null
cargo build --quiet --release --locked
g="$PWD/target/release/gatewayctl"
work="$PWD/target/bench-fleet"
for h in a b c; do "$g" lab down --dir "$work/lab-$h" >/dev/null 2>&1 || true; done
[ -f "$work/sshd.pid" ] && kill "$(cat "$work/sshd.pid")" 2>/dev/null || true
rm -rf "$work"; mkdir -p "$work"
cleanup() {
  for h in a b c; do "$g" lab down --dir "$work/lab-$h" >/dev/null 2>&1 || true; done
  [ -f "$work/sshd.pid" ] && kill "$(cat "$work/sshd.pid")" 2>/dev/null || true
}
trap cleanup EXIT
for h in a b c; do "$g" lab up --dir "$work/lab-$h" --format json >/dev/null; done

# sshd on loopback, keys generated here, strict host key checking satisfied by a known_hosts.
ssh-keygen -q -t ed25519 -N '' -C host -f "$work/host"
ssh-keygen -q -t ed25519 -N '' -C client -f "$work/client"
cp "$work/client.pub" "$work/authorized_keys"
mkdir -p /run/sshd
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
LogLevel ERROR
CONF
/usr/sbin/sshd -f "$work/sshd_config"
echo "[127.0.0.1]:$port $(cat "$work/host.pub")" > "$work/known_hosts"
printf 'Host *\n  User root\n  IdentityFile %s/client\n  IdentitiesOnly yes\n  UserKnownHostsFile %s/known_hosts\n  GlobalKnownHostsFile /dev/null\n' "$work" "$work" > "$work/ssh_config"
op="$work/operator.toml"
cat > "$op" <<TOML
[gateway]
app_dir = "$work/lab-a/app"
[state]
dir = "$work/operator-state"
[fleet]
ssh_config = "$work/ssh_config"
gatewayctl = "$g"
TOML
for h in a b c; do
  printf '\n[[hosts]]\nname = "gw-%s"\nssh = "127.0.0.1"\nport = %s\nconfig = "%s"\n' "$h" "$port" "$work/lab-$h/gatewayctl.toml" >> "$op"
done
"$g" --config "$op" fleet check --hosts all >/dev/null
# Phase 1 on every host, as before any activation: it keeps each host's
# proof of the rollback, so the emergency path does not prove it again.
"$g" --quiet --config "$op" preflight --hosts all >/dev/null

ms() { date +%s%3N; }
best() { sort -n | head -1; }
undo() { for h in "$@"; do "$g" --quiet --config "$work/lab-$h/gatewayctl.toml" --yes rollback undo rate-limit >/dev/null; done; }
single=(); one=(); fleet=()
for _ in $(seq "$runs"); do
  t0=$(ms); "$g" --quiet --config "$work/lab-a/gatewayctl.toml" rollback emergency >/dev/null; t1=$(ms); undo a
  t2=$(ms); "$g" --quiet --config "$op" rollback emergency --hosts gw-a >/dev/null; t3=$(ms); undo a
  t4=$(ms); "$g" --quiet --config "$op" rollback emergency --hosts all >/dev/null; t5=$(ms); undo a b c
  single+=($((t1 - t0))); one+=($((t3 - t2))); fleet+=($((t5 - t4)))
done
s=$(printf '%s\n' "${single[@]}" | best); o=$(printf '%s\n' "${one[@]}" | best); f=$(printf '%s\n' "${fleet[@]}" | best)
echo "rollback emergency, one host (local): $s ms"
echo "rollback emergency --hosts gw-a, one host over ssh: $o ms"
echo "rollback emergency --hosts all, 3 hosts over ssh (each proven off there): $f ms"
echo "cores here: $(nproc) (the three lab hosts share them)"
awk -v s="$s" -v o="$o" -v f="$f" 'BEGIN { printf "ratio: %.2f against the local rollback (target under 1.5), %.2f against one host over ssh\n", f / s, f / o }'
