# Sourced by the benchmarks: a release build and a fresh lab on loopback,
# stopped when the script exits. Sets $g (the binary), $dir (the lab) and
# $config (its gatewayctl.toml).
# Usage: . scripts/lib/bench-lab.sh; bench_lab NAME
bench_lab() {
  cargo build --quiet --release --locked
  g="$PWD/target/release/gatewayctl"
  dir="$PWD/target/$1"
  "$g" lab down --dir "$dir" >/dev/null 2>&1 || true
  rm -rf "$dir"
  "$g" lab up --dir "$dir" --format json >/dev/null
  trap '"$g" lab down --dir "$dir" >/dev/null 2>&1 || true' EXIT
  config="$dir/gatewayctl.toml"
}
