#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (Debug, build-asan).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-asan -DPUZLE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DPUZLE_BENCH=OFF >/dev/null
cmake --build build-asan -j"$(nproc)"
# Any report is an error: UBSan aborts (-fno-sanitize-recover=all), ASan also checks for leaks.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
