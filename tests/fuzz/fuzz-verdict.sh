# Sourced by the fuzz runs: after libFuzzer ran with its log in WORK/fuzz.log and its artifacts
# in WORK/crashes/, says how it went and keeps a failure's inputs and log in WORK-failure/.
fuzz_verdict() {  # WORK EXIT_CODE WHAT -> the run's exit code
  local work=$1 rc=$2 what=$3
  tail -3 "$work/fuzz.log"
  if [ "$rc" -ne 0 ] || [ -n "$(ls -A "$work/crashes")" ]; then
    grep -E -B2 -A30 "ERROR|SUMMARY|==[0-9]+==|deadly signal|Timeout|out-of-memory|multipart splitter:" "$work/fuzz.log" | head -80
    rm -rf "$work-failure"; cp -r "$work" "$work-failure"
    echo "fuzzing $what found a problem (exit $rc); inputs and log kept in $work-failure: $(ls "$work/crashes")"
    return 1
  fi
  echo "fuzzing $what: no crash"
}
