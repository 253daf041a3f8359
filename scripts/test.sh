#!/usr/bin/env bash
# The test command: installs what the tests need, then checks formatting,
# lints, builds and installs the .deb (as root; CI always), and runs every
# test (unit, snapshot, CLI, and the integration tests against real
# redis-server processes and labs).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
if [ "$(id -u)" = 0 ]; then
  bash scripts/test-package.sh
elif [ "${CI:-}" = true ]; then
  echo "the package test installs a .deb with dpkg -i and needs root" >&2
  exit 1
else
  echo "skipping the package test (dpkg -i needs root; CI runs it)" >&2
fi
cargo test --locked
