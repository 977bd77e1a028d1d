#!/bin/bash
# Opening a series that is already in the cache, for docs/performance.md: 512x512 CT phantoms of
# 500 and 2,000 slices (15 HU noise), imported once; then each way of opening runs in a fresh
# process, 9 times, alternating, page cache warm (the files were just imported): the headers
# from the index (what the workstation does now) and from the files (--rescan: as it did before
# the index kept them). Prints the medians of time to the first slice and to the whole volume.
# Usage: bench/run-open-bench.sh [BUILD_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-9}
cli="$build/app/hounsfield-cli"
data="$build/bench-data/open"
mkdir -p "$data"
echo "| slices | headers from | first slice s (median) | whole volume s (median) | headers s (median) |"
echo "|---|---|---|---|---|"
for slices in 500 2000; do
  dir="$data/ct-$slices"
  db="$data/cache-$slices.db"
  if [ ! -f "$db" ]; then
    "$cli" make-phantom --out "$dir" --size "512x512x$slices" --spacing 0.7,0.7,0.5 --noise 15 >/dev/null 2>&1
    "$cli" import "$dir" --db "$db" >/dev/null 2>&1
  fi
  series=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select series_uid from series").fetchone()[0])' "$db")
  out="$data/runs-$slices.jsonl"
  : > "$out"
  for ((i = 0; i < runs; i++)); do
    "$cli" bench open --db "$db" --series "$series" --json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >> "$out"
    "$cli" bench open --db "$db" --series "$series" --rescan --json | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >> "$out"
  done
  python3 - "$out" "$slices" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for source in ("index", "files"):
    r = [x for x in rows if x["headers_from"] == source]
    med = lambda k: statistics.median(x[k] for x in r)
    print("| %s | %s | %.3f | %.3f | %.3f |" % (sys.argv[2], source, med("first_slice_s"), med("total_s"), med("scan_s")))
PY
done
