#!/usr/bin/env bash
# Builds target/debian/gatewayctl_<version>-1_<arch>.deb with cargo-deb: the
# release binary, man pages generated from the CLI, shell completions, and
# /etc/gatewayctl/gatewayctl.toml as a conffile. Installs cargo-deb (from
# crates.io, into target/peers) when it is missing.
# Usage: bash scripts/package.sh [PROFILE]    (prints the .deb's path)
# PROFILE is release (the default: what to ship) or dev, which the test
# command's package test uses: it checks what lands where, not how fast the
# binary runs, and reuses the tests' build instead of compiling the crate a
# third time (the release build is 200 s of a fresh CI run on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-release}"
case "$profile" in
  release) bin=target/release/gatewayctl ;;
  dev) bin=target/debug/gatewayctl ;;
  *) echo "package.sh: PROFILE is release or dev, not $profile" >&2; exit 2 ;;
esac
export PATH="$PWD/target/peers/bin:$PATH"
if ! command -v cargo-deb >/dev/null; then
  echo "installing cargo-deb from crates.io into target/peers (once)" >&2
  CARGO_TARGET_DIR="$PWD/target/peers/build" cargo install cargo-deb --locked --root "$PWD/target/peers" >&2
fi
cargo build --quiet --locked --profile "$profile" --bin gatewayctl
rm -rf target/package/man
"$bin" manpages --dir target/package/man > /dev/null
gzip -9n target/package/man/*.1
if [ "$profile" = release ]; then
  cargo deb --no-build --quiet > /dev/null
else
  # The test build: stripped, and compressed fast (nothing ships it).
  cargo deb --no-build --quiet --profile "$profile" --strip --fast > /dev/null
fi
ls -t target/debian/gatewayctl_*.deb | head -1
