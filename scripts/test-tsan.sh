#!/usr/bin/env bash
# The concurrent code under ThreadSanitizer: the embedding example's thread pool and the
# batch's waves, over the 947 municipalities with the shipped rules, and the store's readers
# beside its writer, each on its own connection (build-tsan; of the tests, only that one is
# built).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tsan -DPUZLE_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPUZLE_TESTS=ON -DPUZLE_BENCH=OFF >/dev/null
cmake --build build-tsan --target puzle puzle_embed_example puzle_store_faults_tests puzle_service_tests -j"$(nproc)"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1"
build-tsan/examples/embed/puzle_embed_example rules examples/municipis_catalunya.csv 4 >/dev/null
build-tsan/apps/cli/puzle batch --rules rules examples/municipis_catalunya.csv --jobs 4 --no-progress \
  --date 2026-06-01 --summary /dev/null >/dev/null
build-tsan/apps/cli/puzle diff --before rules --after rules examples/municipis_catalunya.csv --jobs 4 --no-progress \
  --date 2026-06-01 >/dev/null
build-tsan/tests/puzle_store_faults_tests --gtest_filter='StoreFaults.Readers*' --gtest_brief=1
build-tsan/tests/puzle_service_tests --gtest_brief=1
echo "ThreadSanitizer: no report"
