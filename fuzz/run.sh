#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and fuzzes each for a share of a bounded time.
# Usage: fuzz/run.sh [SECONDS] (default 60), split between the targets:
#   parse_check_fuzzer  .pzl text through parser + checker; seeds: fuzz/corpus/ and every *.pzl
#                       under examples/ and rules/
#   profile_fuzzer      a JSON profile loaded, evaluated and rendered against examples/minimal;
#                       seeds: fuzz/profile_corpus/ and every *.json under examples/
#   batch_fuzzer        a CSV or JSON Lines batch (first byte: odd CSV, even JSON Lines) on 1 and
#                       3 threads, which must agree; seeds: fuzz/batch_corpus/
# The build goes to $PUZLE_FUZZ_BUILD (default build-fuzz). New inputs go to BUILD/corpus*/ (kept
# between runs, not committed); a crash, hang, leak or disagreement is written to
# BUILD/artifacts/ and makes the script fail (after every target has had its turn).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${PUZLE_FUZZ_BUILD:-build-fuzz}"
targets=(parse_check_fuzzer profile_fuzzer batch_fuzzer)

CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPUZLE_FUZZ=ON -DPUZLE_TESTS=OFF -DPUZLE_BENCH=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}" -j"$(nproc)"

# Copies the files under DIR (if it exists) named *.EXT into SEEDS, flattening their paths so
# that files with the same name in different folders do not collide; PREFIX goes first.
seed_from() {
  local seeds=$1 dir=$2 ext=$3 prefix=${4:-}
  [ -d "$dir" ] || return 0
  find "$dir" -name "*.$ext" -type f | while read -r f; do
    { printf '%s' "$prefix"; cat "$f"; } >"$seeds/$(echo "$f" | tr '/' '_')"
  done
}

mkdir -p "$build/artifacts"
share=$(( seconds / ${#targets[@]} ))
[ "$share" -ge 1 ] || share=1
status=0
for target in "${targets[@]}"; do
  seeds="$build/seeds/$target"
  rm -rf "$seeds"
  mkdir -p "$seeds" "$build/corpus/$target"
  corpora=("$build/corpus/$target")
  case "$target" in
    parse_check_fuzzer)
      seed_from "$seeds" examples pzl
      seed_from "$seeds" rules pzl
      dict=fuzz/pzl.dict max_len=65536 extra=fuzz/corpus ;;
    profile_fuzzer)
      seed_from "$seeds" examples json
      dict=fuzz/profile.dict max_len=16384 extra=fuzz/profile_corpus ;;
    batch_fuzzer)
      dict=fuzz/profile.dict max_len=8192 extra=fuzz/batch_corpus ;;
  esac
  [ -d "$extra" ] && corpora+=("$extra")
  corpora+=("$seeds")
  echo "== $target: ${share}s"
  "$build/fuzz/$target" "${corpora[@]}" -dict="$dict" -max_total_time="$share" -max_len="$max_len" \
    -timeout=10 -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 || status=1
done
exit "$status"
