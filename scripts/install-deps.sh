#!/usr/bin/env bash
# Installs what asemu needs to build, run and test on Debian 12 (run as root).
# Idempotent: packages already present are skipped quickly.
set -euo pipefail

packages=(
  # build
  git cmake ninja-build g++ clang libclang-rt-14-dev clang-format
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libpcap-dev libboost-dev libmnl-dev pkg-config
  # run: namespaces, links and BIRD
  bird2 iproute2 iputils-ping netcat-openbsd procps util-linux
  # tests of the Docker and Graphviz output
  docker-compose shellcheck graphviz
  # the topology schema test
  python3-jsonschema python3-yaml
  # the map's browser tests (Playwright drives Debian's Chromium; no browser download)
  chromium
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: run as root (apt-get needs it), e.g. sudo $0" >&2
  exit 1
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The web UI's libraries come from npm at build time; any Node.js with npm will do, and one
# that is already installed (e.g. from another repository) is kept.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's bird2 package may start a BIRD in the host namespace; asemu runs its own per node.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet bird 2>/dev/null; then
  systemctl disable --now bird >/dev/null 2>&1 || true
fi
echo "install-deps: all packages present" >&2
