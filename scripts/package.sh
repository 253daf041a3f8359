#!/usr/bin/env bash
# Builds target/debian/gatewayctl_<version>-1_<arch>.deb with cargo-deb: the
# release binary, man pages generated from the CLI, shell completions, and
# /etc/gatewayctl/gatewayctl.toml as a conffile. Installs cargo-deb (from
# crates.io, into target/peers) when it is missing.
# Usage: bash scripts/package.sh    (prints the .deb's path)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/target/peers/bin:$PATH"
if ! command -v cargo-deb >/dev/null; then
  echo "installing cargo-deb from crates.io into target/peers (once)" >&2
  CARGO_TARGET_DIR="$PWD/target/peers/build" cargo install cargo-deb --locked --root "$PWD/target/peers" >&2
fi
cargo build --quiet --release --locked
rm -rf target/package/man
target/release/gatewayctl manpages --dir target/package/man > /dev/null
gzip -9n target/package/man/*.1
cargo deb --no-build --quiet > /dev/null
ls -t target/debian/gatewayctl_*.deb | head -1
