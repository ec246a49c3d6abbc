#!/usr/bin/env bash
# Installs the Debian 12 packages puzle needs, only those that are missing (run as root).
# With --test, also what only the tests need: Chromium, which renders the HTML report, wrk, and
# Node with npm for tests/node (scripts/test-node.sh) unless a `node` is installed already.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  tao-pegtl-dev libboost-dev libspdlog-dev nlohmann-json3-dev libcli11-dev libssl-dev libsqlite3-dev libsqlitecpp-dev
  libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev clang-format clang-tidy
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium wrk)
  command -v node >/dev/null || packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
