#!/usr/bin/env bash
# Builds the libFuzzer target with clang in build-fuzz and fuzzes parser + checker for a bounded
# time. Usage: fuzz/run.sh [SECONDS] (default 60). Seeds: fuzz/corpus/ and every *.pzl under
# examples/ and rules/. New inputs go to build-fuzz/corpus/ (kept between runs, not committed);
# a crash, hang or leak is written to build-fuzz/artifacts/ and makes the script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPUZLE_FUZZ=ON -DPUZLE_TESTS=OFF -DPUZLE_BENCH=OFF >/dev/null
cmake --build build-fuzz --target parse_check_fuzzer -j"$(nproc)"

seeds=build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds" build-fuzz/corpus build-fuzz/artifacts
# Flatten the paths so that files with the same name in different folders do not collide.
for dir in examples rules; do  # rules/ may not exist yet
  [ -d "$dir" ] || continue
  find "$dir" -name '*.pzl' -type f | while read -r f; do
    cp "$f" "$seeds/$(echo "$f" | tr '/' '_')"
  done
done

build-fuzz/fuzz/parse_check_fuzzer build-fuzz/corpus fuzz/corpus "$seeds" \
  -dict=fuzz/pzl.dict -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1
