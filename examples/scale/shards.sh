#!/usr/bin/env bash
# A batch over N shards run side by side, then merged: what docs/scale.md describes, on one
# machine. Each shard reads the whole input and evaluates its share (--shard I/N); the summaries
# merge with `puzle merge`, and the lines, each shard's in input order, merge by line number.
# The result is byte for byte what one run over the whole input writes.
#   examples/scale/shards.sh PUZLE RULES INPUT N OUTDIR [DATE]
set -euo pipefail
puzle=$1 rules=$2 input=$3 n=$4 out=$5 date=${6:-2026-01-01}
mkdir -p "$out"
seq 1 "$n" | xargs -P "$n" -I{} "$puzle" batch --rules "$rules" "$input" --date "$date" --jobs 1 --no-progress \
  --shard "{}/$n" -o "$out/lines.{}.jsonl" --summary "$out/summary.{}.json"
"$puzle" merge "$out"/summary.*.json -o "$out/summary.json"
# Every line starts {"line":N, : merge the shards' sorted lines on N.
LC_ALL=C sort -m -s -t: -k2,2n "$out"/lines.*.jsonl >"$out/lines.jsonl"
