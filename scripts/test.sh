#!/usr/bin/env bash
# Every test: unit tests (Release), the HTTP API against docs/openapi.yaml (Node), the rulebases
# checked with --werror, the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer,
# the concurrent code under ThreadSanitizer, and a short bounded fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$jobs"
build/apps/cli/puzle check --werror examples/minimal
build/apps/cli/puzle check --werror rules
build/apps/cli/puzle fmt --check examples/minimal rules
scripts/lint.sh
ctest --test-dir build --output-on-failure -j"$jobs"
# The running server against docs/openapi.yaml (Node).
scripts/test-node.sh

scripts/test-sanitize.sh
scripts/test-tsan.sh

# Coverage-guided fuzzing of parser + checker for a bounded time (seconds).
fuzz/run.sh "${PUZLE_FUZZ_SECONDS:-60}"
