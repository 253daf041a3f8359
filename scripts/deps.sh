#!/usr/bin/env bash
# Installs the Debian packages gatewayctl's tests and rehearsals need, when
# missing: redis for the Redis tests, and the lab's parts (PHP 8.2 with
# php-fpm and phpredis, Laravel 8, nginx). Safe to run again.
set -euo pipefail

# e2fsprogs (chattr) and util-linux (prlimit, unshare) for the fault tests,
# bubblewrap (bwrap) to run the app's code sealed (dry run, proofs),
# iproute2 (ip) for the probe's private loopback;
# chromium (headless) opens the HTML report in its test; openssh-server is the
# fleet tests' sshd on a loopback port.
PACKAGES=(curl redis-server redis-tools php8.2-cli php8.2-fpm php-redis php-laravel-framework nginx e2fsprogs util-linux bubblewrap iproute2 chromium openssh-server openssh-client)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
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
