#!/usr/bin/env bash
# Whole-process measurements of `puzle batch` (wall time, CPU time, peak memory), as a user runs
# it: rule loading, reading, evaluation, JSON lines written to /dev/null, summary written.
#   bench/batch_process.sh [BUILD_DIR] [PROFILES]
# 1. the 947 municipalities of Catalonia with the shipped rulebase (goal: under 0.2 s);
# 2. PROFILES (default 100000) generated profiles with a generated 3,000-rule rulebase, on one
#    job and on every core: profiles per second per core, and peak memory (it must stay flat:
#    compare with a tenth of the profiles);
# 3. the peer engines' workload (issue 15: 3,000 rules of 2-4 tests each suggesting one of 320
#    elements with a weight, 10,000 profiles), one job: a plain batch, with compact explanations
#    (goal: within 2x of plain) and with full ones.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
count=${2:-100000}
puzle=$build/apps/cli/puzle
gen=$build/bench/puzle_bench_gen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # label, then the command
  local label=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  read -r wall user sys peak <"$work/time"
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v m="$peak" \
    'BEGIN { printf "%-48s wall %6.2f s  cpu %6.2f s  peak %7.1f MB\n", l, w, u + s, m / 1024 }'
}

measure "947 municipalities, shipped rules, all jobs" \
  "$puzle" batch --rules rules examples/municipis_catalunya.csv --date 2026-01-01 --summary "$work/s.json"
measure "947 municipalities, shipped rules, 1 job" \
  "$puzle" batch --rules rules examples/municipis_catalunya.csv --date 2026-01-01 --jobs 1 --summary "$work/s.json"

"$gen" "$work/gen" 3000 "$count"
head -n $((count / 10)) "$work/gen/profiles.jsonl" >"$work/gen/tenth.jsonl"
measure "$((count / 10)) generated profiles, 3,000 rules, 1 job" \
  "$puzle" batch --rules "$work/gen/rules" "$work/gen/tenth.jsonl" --date 2026-01-01 --jobs 1
measure "$count generated profiles, 3,000 rules, 1 job" \
  "$puzle" batch --rules "$work/gen/rules" "$work/gen/profiles.jsonl" --date 2026-01-01 --jobs 1
measure "$count generated profiles, 3,000 rules, all jobs" \
  "$puzle" batch --rules "$work/gen/rules" "$work/gen/profiles.jsonl" --date 2026-01-01

"$gen" "$work/peer" 3000 10000 peer
for explain in "" "--explain compact" "--explain full"; do
  # shellcheck disable=SC2086 # the option and its value are two words
  measure "peers' workload, 10,000 profiles, 1 job ${explain:-plain}" \
    "$puzle" batch --rules "$work/peer/rules" "$work/peer/profiles.jsonl" --date 2026-01-01 --jobs 1 $explain
done
