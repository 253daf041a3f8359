#!/usr/bin/env bash
# The fleet's emergency rollback beside one host's, same run: a three-host
# lab (`lab up --hosts 3`: each host its own php-fpm, nginx and app, one
# shared Redis and Cal.com stand-in, a real sshd on a loopback port with
# generated keys), and `rollback emergency --hosts all` timed against
# `rollback emergency` on one host locally and over ssh; then each is
# undone the same way (`rollback undo rate-limit`, locally, `--hosts gw1`,
# `--hosts all`), timed too. Best of RUNS. Target (issue #14): the fleet
# rollback under 1.5x the single host.
#
# Usage: bash scripts/bench-fleet.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
bash scripts/deps.sh >/dev/null
cargo build --quiet --release --locked
g="$PWD/target/release/gatewayctl"
dir="$PWD/target/bench-fleet"
"$g" lab down --dir "$dir" >/dev/null 2>&1 || true
rm -rf "$dir"
trap '"$g" lab down --dir "$dir" >/dev/null 2>&1 || true' EXIT
"$g" lab up --hosts 3 --dir "$dir" --format json >/dev/null
op="$dir/gatewayctl.toml"
"$g" --quiet --config "$op" fleet check --hosts all >/dev/null
# Phase 1 on every host, as before any activation: it keeps each host's
# proof of the rollback, so the emergency path does not prove it again.
"$g" --quiet --config "$op" preflight --hosts all >/dev/null

ms() { date +%s%3N; }
best() { sort -n | head -1; }
local_undo() { "$g" --quiet --config "$dir/host-1/gatewayctl.toml" --yes rollback undo rate-limit >/dev/null; }
fleet_undo() { "$g" --quiet --config "$op" --yes rollback undo rate-limit --hosts "$1" >/dev/null; }
single=(); one=(); fleet=(); usingle=(); uone=(); ufleet=()
for _ in $(seq "$runs"); do
  t0=$(ms); "$g" --quiet --config "$dir/host-1/gatewayctl.toml" rollback emergency >/dev/null; t1=$(ms)
  local_undo; t2=$(ms)
  "$g" --quiet --config "$op" rollback emergency --hosts gw1 >/dev/null; t3=$(ms)
  fleet_undo gw1; t4=$(ms)
  "$g" --quiet --config "$op" rollback emergency --hosts all >/dev/null; t5=$(ms)
  fleet_undo all; t6=$(ms)
  single+=($((t1 - t0))); usingle+=($((t2 - t1)))
  one+=($((t3 - t2))); uone+=($((t4 - t3)))
  fleet+=($((t5 - t4))); ufleet+=($((t6 - t5)))
done
b() { printf '%s\n' "$@" | best; }
s=$(b "${single[@]}"); o=$(b "${one[@]}"); f=$(b "${fleet[@]}")
us=$(b "${usingle[@]}"); uo=$(b "${uone[@]}"); uf=$(b "${ufleet[@]}")
echo "rollback emergency, one host (local): $s ms"
echo "rollback emergency --hosts gw1, one host over ssh: $o ms"
echo "rollback emergency --hosts all, 3 hosts over ssh (each proven off there): $f ms"
echo "rollback undo rate-limit, one host (local): $us ms"
echo "rollback undo rate-limit --hosts gw1, one host over ssh: $uo ms"
echo "rollback undo rate-limit --hosts all, 3 hosts over ssh (each proven on there): $uf ms"
echo "cores here: $(nproc) (the three lab hosts share them)"
awk -v s="$s" -v o="$o" -v f="$f" 'BEGIN { printf "rollback ratio: %.2f against the local rollback (target under 1.5), %.2f against one host over ssh\n", f / s, f / o }'
awk -v s="$us" -v o="$uo" -v f="$uf" 'BEGIN { printf "undo ratio: %.2f against the local undo, %.2f against one host over ssh\n", f / s, f / o }'
