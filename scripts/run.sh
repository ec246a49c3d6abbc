#!/usr/bin/env bash
# The main job: install what is missing, build, check the shipped rules, and print the roadmap
# of a real municipality (Gósol, 228 inhabitants) with them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
build/apps/cli/puzle check --werror rules
build/apps/cli/puzle roadmap --rules rules examples/profiles/gosol.json
