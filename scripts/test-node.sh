#!/usr/bin/env bash
# The HTTP API against its description: installs tests/node's packages exactly as
# tests/node/package-lock.json pins them (npm ci; no install scripts), then runs
# tests/node/openapi.test.mjs, which starts the built `puzle serve` on free loopback ports and
# checks its answers against docs/openapi.yaml (docs/server.md, "OpenAPI").
# PUZLE_CLI names the puzle to test (default: build/apps/cli/puzle).
set -euo pipefail
cd "$(dirname "$0")/.."
cli="${PUZLE_CLI:-build/apps/cli/puzle}"
if [[ ! -x "$cli" ]]; then
  echo "test-node.sh: no puzle at $cli: build it first (cmake --build build --target puzle)" >&2
  exit 2
fi
command -v npm >/dev/null || { echo "test-node.sh: npm is missing (scripts/install-deps.sh --test)" >&2; exit 2; }
npm ci --prefix tests/node --no-audit --no-fund --ignore-scripts --prefer-offline
# The test bounds itself (60 s); this bounds a hang outside it.
PUZLE_CLI="$(realpath "$cli")" PUZLE_SOURCE_DIR="$PWD" timeout --kill-after=10 120 node --test tests/node/openapi.test.mjs
