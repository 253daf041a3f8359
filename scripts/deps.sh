#!/usr/bin/env bash
# Installs the Debian packages gatewayctl's tests and rehearsals need, when
# missing. Sourced by test.sh and rehearse.sh; safe to run again.
set -euo pipefail

# program → Debian package
GATEWAYCTL_DEPS=(
  "redis-server:redis-server"
  "redis-cli:redis-tools"
)

missing=()
for dep in "${GATEWAYCTL_DEPS[@]}"; do
  command -v "${dep%%:*}" >/dev/null 2>&1 || missing+=("${dep##*:}")
done

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 3
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo is not installed: install Rust (https://rustup.rs) or Debian's cargo package" >&2
  exit 3
fi
