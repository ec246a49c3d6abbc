#!/usr/bin/env bash
# The main job: install what is missing, build, and check the example rulebase.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
build/apps/cli/puzle check --werror examples/minimal
