#!/usr/bin/env bash
# The test command: installs what the tests need, then checks formatting,
# lints, and runs every test (unit, snapshot, CLI, and the integration tests
# against real redis-server processes).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh

cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
