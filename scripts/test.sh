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
  # The test build packaged (scripts/package.sh dev): the tests build it anyway.
  bash scripts/test-package.sh dev
elif [ "${CI:-}" = true ]; then
  echo "the package test installs a .deb with dpkg -i and needs root" >&2
  exit 1
else
  echo "skipping the package test (dpkg -i needs root; CI runs it)" >&2
fi

# Under cargo-nextest where it is installed (CI's machine has it): each test
# in its own process, named when slow (60 s) and killed past its bound
# (.config/nextest.toml), then the ten slowest listed. Elsewhere cargo test
# runs the same tests, with no per-test bound.
if cargo nextest --version >/dev/null 2>&1; then
  profile=default
  if [ "${CI:-}" = true ]; then profile=ci; fi
  status=0
  # A report left by an earlier run must not be read as this one's.
  rm -f "target/nextest/$profile/junit.xml"
  cargo nextest run --locked --profile "$profile" || status=$?
  python3 scripts/slowest.py "target/nextest/$profile/junit.xml" 10 || true
  if [ "$status" != 0 ]; then exit "$status"; fi
  # nextest does not run doc tests.
  cargo test --locked --doc
else
  echo "cargo-nextest is not installed: running cargo test, with no per-test time bound (cargo install --locked cargo-nextest for one)" >&2
  cargo test --locked
fi
