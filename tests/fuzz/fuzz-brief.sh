# Sourced by the brief fuzz runs under ctest: the folders, libFuzzer's run, and the verdict.
fuzz_prepare() {  # FUZZER WORK: fails when the target is not built; WORK/seeds and WORK/crashes made empty
  local fuzzer=$1 work=$2
  if [ ! -x "$fuzzer" ]; then
    echo "fuzzer not built: $fuzzer (scripts/test.sh builds it with scripts/build-fuzzer.sh)"
    return 1
  fi
  rm -rf "$work"; mkdir -p "$work/seeds" "$work/crashes"
}
# Runs the Python program on standard input with `out` set to WORK/seeds, where it writes the seeds.
fuzz_seeds() {  # WORK
  /usr/bin/python3 -c 'import sys; out = sys.argv[1]; exec(sys.stdin.read())' "$1/seeds"
}
# From WORK/seeds with a fixed random seed, for HF_FUZZ_RUNS inputs but at most HF_FUZZ_SECONDS,
# so a run is repeatable; log in WORK/fuzz.log.
fuzz_run() {  # FUZZER WORK MAX_LEN DEFAULT_RUNS DEFAULT_SECONDS -> libFuzzer's exit code
  local fuzzer=$1 work=$2
  "$fuzzer" -seed="${HF_FUZZ_SEED:-1}" -runs="${HF_FUZZ_RUNS:-$4}" -max_total_time="${HF_FUZZ_SECONDS:-$5}" -max_len="$3" \
    -timeout=30 -rss_limit_mb=2048 -artifact_prefix="$work/crashes/" "$work/seeds" 2>"$work/fuzz.log"
}
# After libFuzzer ran with its log in WORK/fuzz.log and its artifacts in WORK/crashes/, says how
# it went and keeps a failure's inputs and log in WORK-failure/.
fuzz_verdict() {  # WORK EXIT_CODE WHAT -> the run's exit code
  local work=$1 rc=$2 what=$3
  tail -3 "$work/fuzz.log"
  if [ "$rc" -ne 0 ] || [ -n "$(ls -A "$work/crashes")" ]; then
    grep -E -B2 -A30 "ERROR|SUMMARY|==[0-9]+==|deadly signal|Timeout|out-of-memory|multipart splitter:|qido reader:" "$work/fuzz.log" | head -80
    rm -rf "$work-failure"; cp -r "$work" "$work-failure"
    echo "fuzzing $what found a problem (exit $rc); inputs and log kept in $work-failure: $(ls "$work/crashes")"
    return 1
  fi
  echo "fuzzing $what: no crash"
}
