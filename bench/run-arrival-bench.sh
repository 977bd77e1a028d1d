#!/bin/bash
# Open-while-arriving (issue 23) for docs/performance.md: Enter on a 500-instance study in the
# PACS list of the main window (under Xvfb), against Orthanc on loopback: the time to the first
# image on screen against the time to the whole study in the cache. The window test
# "a study opens from the PACS list while it arrives and fills in" does it and prints the
# times; here it runs RUNS times (fresh cache each time) with a bigger study, medians printed.
# Orthanc runs on the test fixture's ports (the test binary has them built in): do not run
# this beside ctest.
# Usage: bench/run-arrival-bench.sh [BUILD_DIR] [RUNS] [SLICES] [SIZE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-5}
export HF_ARRIVAL_SLICES=${3:-500} HF_ARRIVAL_SIZE=${4:-256}
work="$build/bench-arrival"
rm -rf "$work"; mkdir -p "$work"
"$root/tests/pacs/orthanc.sh" start "$work/orthanc" 18042 14242 14260 > /dev/null
trap '"$root/tests/pacs/orthanc.sh" stop "$work/orthanc"' EXIT
for _ in $(seq "$runs"); do
  xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/test_gui" "a study opens from the PACS list while it arrives and fills in" \
    | grep '^arrival:' | tee -a "$work/times.txt"
done
python3 - "$work/times.txt" <<'PY'
import re, statistics, sys
rows = [re.search(r"first image (\d+) ms, whole study (\d+) ms, (\d+) slices at first", l) for l in open(sys.argv[1])]
first = [int(r.group(1)) for r in rows if r]
whole = [int(r.group(2)) for r in rows if r]
shown = [int(r.group(3)) for r in rows if r]
print(f"runs {len(first)}: first image median {statistics.median(first)} ms (min {min(first)}, max {max(first)}), "
      f"whole study median {statistics.median(whole)} ms; first image at {statistics.median(first)/statistics.median(whole):.1%} "
      f"of the whole; slices in the first view: median {statistics.median(shown)}")
PY
