#!/usr/bin/env bash
# Builds the .deb, installs it with dpkg -i, and checks what an operator
# would: gatewayctl --version names version and commit, man finds its pages,
# the completions and the conffile are where they belong. Purges the package
# afterwards (its /etc config would otherwise become the machine's config).
# Needs root (dpkg). Usage: bash scripts/test-package.sh [PROFILE]
# (PROFILE as scripts/package.sh takes it: release by default; the test
# command passes dev.)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "test-package.sh installs a .deb: run it as root" >&2
  exit 3
fi
command -v man >/dev/null || apt-get install -y -qq man-db >/dev/null
if dpkg -s gatewayctl >/dev/null 2>&1; then
  echo "gatewayctl is already installed as a package here; not replacing it" >&2
  exit 3
fi
deb=$(bash scripts/package.sh "${1:-release}")
trap 'dpkg -P gatewayctl >/dev/null 2>&1 || true' EXIT
dpkg -i "$deb" >/dev/null
fail() { echo "package test: $*" >&2; exit 1; }
version=$(/usr/bin/gatewayctl --version)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
[ "$version" = "gatewayctl $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1) (commit $commit)" ] ||
  fail "--version said: $version"
man -w gatewayctl | grep -q '/usr/share/man/man1/gatewayctl.1.gz' || fail "man -w gatewayctl: $(man -w gatewayctl 2>&1)"
man -w gatewayctl-logs-scan >/dev/null || fail "no page for gatewayctl-logs-scan"
for f in /usr/share/bash-completion/completions/gatewayctl /usr/share/zsh/vendor-completions/_gatewayctl \
  /usr/share/fish/vendor_completions.d/gatewayctl.fish /etc/gatewayctl/gatewayctl.toml; do
  [ -s "$f" ] || fail "missing $f"
done
dpkg-query -W -f='${Conffiles}\n' gatewayctl | grep -q /etc/gatewayctl/gatewayctl.toml || fail "the config is not a conffile"
/usr/bin/gatewayctl --config /etc/gatewayctl/gatewayctl.toml config check >/dev/null || fail "the installed config does not check"
echo "package test: $deb installs; $version; man -w gatewayctl: $(man -w gatewayctl)"
