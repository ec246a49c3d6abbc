#!/usr/bin/env bash
# The checks that are not tests: every C++ file in clang-format's layout (also run by
# scripts/test.sh), and, with --tidy, clang-tidy's checks of .clang-tidy over every source file
# of the libraries and the command line (a few minutes; build-lint, files compiled one by one).
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror
echo "clang-format: every file in layout"
if [[ "${1:-}" == "--tidy" ]]; then
  cmake -S . -B build-lint -DPUZLE_UNITY_BUILD=OFF -DPUZLE_TESTS=OFF -DPUZLE_BENCH=OFF >/dev/null
  git ls-files 'apps/*.cpp' 'core/*.cpp' 'dsl/*.cpp' 'engine/*.cpp' | xargs clang-tidy -p build-lint --quiet
fi
