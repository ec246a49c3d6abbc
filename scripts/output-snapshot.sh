#!/usr/bin/env bash
# Runs every command of a `puzle` binary over the examples, the shipped rulebase and the 947
# municipalities, and keeps each one's stdout, stderr and exit code in OUTDIR: two snapshots
# (before and after a change) compared with `diff -r` prove which outputs a change moved.
# Usage: scripts/output-snapshot.sh PUZLE OUTDIR
set -uo pipefail
puzle=$(realpath "$1")  # before the cd: a relative path names the caller's binary
out=$(realpath -m "$2")
cd "$(dirname "$0")/.."
rm -rf "$out"
mkdir -p "$out"
date=2026-06-01
n=0

# run NAME ARGS...: one command, its outputs under OUTDIR/NAME.{out,err,code}
run() {
  local name=$1
  shift
  "$puzle" "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.code"
  n=$((n + 1))
}

for p in examples/profiles/*.json; do
  m=$(basename "$p" .json)
  for view in puzzle roadmap; do
    run "$view.$m.text" "$view" --rules rules "$p" --date "$date"
    run "$view.$m.json" "$view" --rules rules "$p" --date "$date" --format json
  done
done
elements=$(grep -ho '^ *element [a-z_0-9]*' rules/model/*.pzl | awk '{print $2}' | sort | awk 'NR % 4 == 1')
for m in gosol vic barcelona; do
  for e in $elements; do
    run "explain.$m.$e.text" explain "$e" --rules rules "examples/profiles/$m.json" --date "$date"
    run "explain.$m.$e.json" explain "$e" --rules rules "examples/profiles/$m.json" --date "$date" --format json
    run "why-not.$m.$e.text" why-not "$e" --rules rules "examples/profiles/$m.json" --date "$date"
  done
done
for r in rules examples/minimal examples/errors; do
  k=$(echo "$r" | tr / _)
  run "check.$k.text" check "$r"
  run "check.$k.json" check --format json "$r"
  run "parse.$k" parse "$r"
done
run check.dump-ir check --dump-ir rules
for f in $(find rules examples -name '*.pzl' | sort); do
  run "fmt.$(echo "$f" | tr / _)" fmt "$f"
done
run fmt.check fmt --check rules examples/minimal
run test.rules test rules
run test.minimal test examples/minimal
run doc.md doc rules
run doc.html doc --format html rules
csv=examples/municipis_catalunya.csv
run batch.947 batch --rules rules "$csv" --date "$date" -j 2 --summary "$out/batch.947.summary.json"
run batch.947.full batch --rules rules "$csv" --date "$date" -j 2 --full
run batch.minimal.csv batch --rules examples/minimal examples/minimal/municipis.csv --date "$date"
run batch.minimal.jsonl batch --rules examples/minimal examples/minimal/municipis.jsonl --date "$date"
run coverage.947.text coverage --rules rules "$csv" --date "$date"
run coverage.947.json coverage --rules rules "$csv" --date "$date" --format json
run diff.minimal.text diff --before examples/minimal --after examples/minimal --after examples/diff \
  examples/minimal/municipis.jsonl --date "$date"
run diff.minimal.json diff --before examples/minimal --after examples/minimal --after examples/diff \
  examples/minimal/municipis.jsonl --date "$date" --format json
run report.947 report --rules rules "$csv" --date "$date"
echo "$n commands; outputs in $out"
