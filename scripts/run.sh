#!/usr/bin/env bash
# The main job: install what is missing, build, check the rules, and print the roadmap of a
# real municipality (Gósol, 228 inhabitants).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
build/apps/cli/puzle check --werror examples/minimal
build/apps/cli/puzle roadmap --rules examples/minimal examples/minimal/gosol.json
