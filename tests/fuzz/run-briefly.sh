#!/bin/bash
# Runs the libFuzzer target for a short while (HF_FUZZ_SECONDS, default 30) from seeds: the
# regression files and small phantoms in several syntaxes. Fails if it finds a crash, leak,
# timeout or runaway memory; the input is then left in WORK/crashes for tests/regression/.
# Usage: run-briefly.sh FUZZER CLI WORK SOURCE_DIR
set -u
fuzzer=$1 cli=$2 work=$3 src=$4
if [ ! -x "$fuzzer" ]; then
  echo "fuzzer not built: $fuzzer (scripts/test.sh builds it with scripts/build-fuzzer.sh)"
  exit 1
fi
rm -rf "$work"; mkdir -p "$work/seeds" "$work/crashes"
cp "$src"/tests/regression/*.dcm "$work/seeds/"
for syntax in explicit big-endian rle jpeg-ls j2k; do
  "$cli" make-phantom --out "$work/phantom-$syntax" --size 16x12x2 --syntax "$syntax" 2>/dev/null || exit 1
  cp "$work/phantom-$syntax/IM0001.dcm" "$work/seeds/$syntax.dcm"
done
"$fuzzer" -max_total_time="${HF_FUZZ_SECONDS:-30}" -timeout=60 -rss_limit_mb=4096 \
  -artifact_prefix="$work/crashes/" "$work/seeds" 2>"$work/fuzz.log"
rc=$?
tail -3 "$work/fuzz.log"
if [ $rc -ne 0 ] || [ -n "$(ls -A "$work/crashes")" ]; then
  grep -E "ERROR|SUMMARY|==[0-9]+==" "$work/fuzz.log" | head -20
  echo "fuzzing found a problem (exit $rc); inputs: $(ls "$work/crashes")"
  exit 1
fi
echo "fuzzing: no crash"
