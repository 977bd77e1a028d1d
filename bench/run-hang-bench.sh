#!/bin/bash
# Opening a cached CT study through its hanging protocol, for docs/performance.md: a chest CT of
# four 512x512 series (axial soft tissue 300 slices, axial lung kernel 300, coronal 512, sagittal
# 512; 15 HU noise), imported once. Each measurement is a fresh `hounsfield --study UID
# --timings` under Xvfb (what Enter on the study list runs): milliseconds from the request to
# every one of the four views showing its first image, and to every volume decoded. 9 runs,
# medians; beside them `cat` of the same files (page cache warm), the floor of reading them, and
# the four series opened one after another by `hounsfield-cli bench open` (the same loader, one
# process each), what the protocol's parallel loads are measured against.
# Usage: bench/run-hang-bench.sh [BUILD_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-9}
cli="$build/app/hounsfield-cli"
gui="$build/app/hounsfield"
data="$build/bench-data/hang"
db="$data/cache.db"
mkdir -p "$data"
if [ ! -f "$db" ]; then
  common=(--seed 51 --noise 15 --body-part CHEST --study-description "CT chest")
  "$cli" make-phantom --out "$data/axial" --size 512x512x300 --spacing 0.7,0.7,1 --series-number 1 "${common[@]}" >/dev/null 2>&1
  "$cli" make-phantom --out "$data/lung" --size 512x512x300 --spacing 0.7,0.7,1 --series-number 4 \
    --series-description "Lung B70" "${common[@]}" >/dev/null 2>&1
  "$cli" make-phantom --out "$data/coronal" --size 512x300x512 --spacing 0.7,1,0.7 --orientation coronal --series-number 2 "${common[@]}" >/dev/null 2>&1
  "$cli" make-phantom --out "$data/sagittal" --size 512x300x512 --spacing 0.7,1,0.7 --orientation sagittal --series-number 3 "${common[@]}" >/dev/null 2>&1
  "$cli" import "$data/axial" "$data/lung" "$data/coronal" "$data/sagittal" --db "$db" >/dev/null 2>&1
fi
study=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select study_uid from studies").fetchone()[0])' "$db")
"$cli" protocols --match "$study" --db "$db" | sed -n 1,6p
series=$(python3 -c 'import sqlite3,sys; print(" ".join(r[0] for r in sqlite3.connect(sys.argv[1]).execute("select series_uid from series")))' "$db")
out="$data/runs.jsonl"
: > "$out"
for ((i = 0; i < runs; i++)); do
  one_by_one=0
  for s in $series; do
    t=$("$cli" bench open --db "$db" --series "$s" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_s"])')
    one_by_one=$(python3 -c "print($one_by_one + $t)")
  done
  xvfb-run -a -s "-screen 0 1920x1080x24" "$gui" --db "$db" --study "$study" --size 1600x1000 \
    --protocols-folder "$data/no-user-protocols" --timings "$data/timings.json" 2>/dev/null
  start=$(date +%s.%N)
  cat "$data"/axial/* "$data"/lung/* "$data"/coronal/* "$data"/sagittal/* > /dev/null
  end=$(date +%s.%N)
  python3 - "$data/timings.json" "$start" "$end" "$one_by_one" >> "$out" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["cat_ms"] = (float(sys.argv[3]) - float(sys.argv[2])) * 1000
t["one_by_one_ms"] = float(sys.argv[4]) * 1000
print(json.dumps(t))
PY
done
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert all(r["ok"] and r["first_images_ms"] >= 0 and r["volumes_ms"] >= 0 for r in rows), rows
med = lambda k: statistics.median(r[k] for r in rows)
print("| runs | protocol | four first images ms | four volumes ms | one by one (bench open) ms | cat ms | volumes / one by one | volumes / cat |")
print("|---|---|---|---|---|---|---|---|")
print("| %d | %s | %.0f | %.0f | %.0f | %.0f | %.2fx | %.1fx |" % (
    len(rows), rows[0]["protocol"], med("first_images_ms"), med("volumes_ms"), med("one_by_one_ms"), med("cat_ms"),
    med("volumes_ms") / med("one_by_one_ms"), med("volumes_ms") / med("cat_ms")))
PY
