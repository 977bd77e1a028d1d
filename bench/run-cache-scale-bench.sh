#!/bin/bash
# A full workstation cache, for docs/performance.md: what opening it, listing its studies and
# retrieving into it cost when it holds as many images as a reading room's disk does.
#   - A cache of N images (default 200,000): a 200-slice phantom imported, its instance rows
#     copied (the rows, with their frame headers, not the files) into another patient's study.
#   - Opening and listing (`hounsfield-cli list`, a fresh process, median of RUNS): this cache
#     against the same cache as it was before schema 10 (the counts through instances(series)),
#     and a query that lists nothing (the open alone) against SQLite's PRAGMA quick_check, which
#     every open ran before (Python's sqlite3, the same library).
#   - WADO-RS retrieval of a 500-instance study (Orthanc on loopback, the pacs bench's ports)
#     into this cache against into an empty one, the same binary, alternating.
# Usage: bench/run-cache-scale-bench.sh [BUILD_DIR] [RUNS] [IMAGES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-7}
images=${3:-200000}
cli="$build/app/hounsfield-cli"
work="$build/bench-cache-scale"
source "$root/bench/orthanc-bench.sh"
rm -rf "$work"; mkdir -p "$work"
start_bench_orthanc

"$cli" make-phantom --out "$work/small" --size 64x64x200 --seed 7 > /dev/null
"$cli" import --db "$work/full/cache.db" "$work/small" > /dev/null 2>&1
/usr/bin/python3 - "$work/full/cache.db" "$images" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); have = db.execute("select count(*) from instances").fetchone()[0]
copies = int(sys.argv[2]) // have
db.execute("insert into patients (patient_id, name) values ('SCALE', 'SCALE^COPIES')")
db.execute("insert into studies (patient, study_uid) select id, '1.2.826.0.1.3680043.10.1' from patients where patient_id = 'SCALE'")
db.execute("insert into series (study, series_uid, modality) select id, '1.2.826.0.1.3680043.10.1.1', 'CT' from studies "
           "where study_uid = '1.2.826.0.1.3680043.10.1'")
db.execute("with recursive n(k) as (select 1 union all select k + 1 from n where k < ?) "
           "insert into instances (series, sop_uid, sop_class, path, transfer_syntax, frames, instance_number, file_size, headers) "
           "select (select id from series where series_uid = '1.2.826.0.1.3680043.10.1.1'), sop_uid || '.' || k, sop_class, "
           "path || '.' || k, transfer_syntax, frames, instance_number, file_size, headers from instances, n", (copies,))
db.commit(); db.execute("pragma wal_checkpoint(truncate)"); db.close()
PY
# The same cache with the index the list used before schema 10 (the version stays, so the
# binary does not migrate it).
mkdir -p "$work/before"
cp "$work/full/cache.db" "$work/before/cache.db"
/usr/bin/python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.executescript("drop index instances_series_kind; create index instances_series on instances(series);"); d.close()' "$work/before/cache.db"
sync

med() { python3 -c 'import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))' "$@"; }
median() {  # COMMAND... -> median wall seconds of $runs
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N)
    times+=("$(python3 -c "print($t1 - $t0)")")
  done
  med "${times[@]}"
}
count=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from instances").fetchone()[0])' "$work/full/cache.db")
size=$(du -m "$work/full/cache.db" | cut -f1)
list_now=$(median "$cli" list --db "$work/full/cache.db")
list_before=$(median "$cli" list --db "$work/before/cache.db")
open_now=$(median "$cli" list --db "$work/full/cache.db" --patient NOBODY)
quick_check=$(median /usr/bin/python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("pragma quick_check").fetchall()' "$work/full/cache.db")
"$cli" list --db "$work/empty/cache.db" > /dev/null 2>&1  # made once, outside the timing
empty_open=$(median "$cli" list --db "$work/empty/cache.db" --patient NOBODY)

# Retrieval: the study goes again between runs (rows and files), outside the timing.
study=$(store_phantom_study "$work/series" 256x256x500 500)
forget() {  # DB: the retrieved study out of the cache again
  /usr/bin/python3 -c 'import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute("pragma foreign_keys=on"); d.execute("delete from studies where study_uid=?", (sys.argv[2],)); d.execute("delete from retrievals"); d.commit(); d.execute("pragma wal_checkpoint(truncate)"); d.close()' "$1" "$study"
  rm -rf "$(dirname "$1")/files/$study" "$(dirname "$1")/incoming"
  sync
}
retrieve_full=() retrieve_empty=()
for ((i = 0; i < runs; i++)); do
  for which in full empty; do
    db="$work/$which/cache.db"
    [ -f "$db" ] && forget "$db"
    t0=$(date +%s.%N)
    "$cli" retrieve --node http://127.0.0.1:$http/dicom-web --study "$study" --db "$db" > /dev/null 2>&1
    t1=$(date +%s.%N)
    if [ "$which" = full ]; then retrieve_full+=("$(python3 -c "print($t1 - $t0)")"); else retrieve_empty+=("$(python3 -c "print($t1 - $t0)")"); fi
  done
done

echo "A cache of $count images ($size MB of index); fresh processes, median of $runs"
echo
echo "| what | ours | peer | peer / ours |"
echo "|---|---|---|---|"
python3 - "$list_now" "$list_before" "$open_now" "$quick_check" "$empty_open" "$(med "${retrieve_full[@]}")" "$(med "${retrieve_empty[@]}")" <<'PY'
import sys
list_now, list_before, open_now, quick, empty_open, full, empty = map(float, sys.argv[1:])
ms = lambda s: f"{s * 1000:.0f} ms"
print(f"| list the studies (hounsfield-cli list) | {ms(list_now)} | {ms(list_before)} (before schema 10) | {list_before / list_now:.1f} |")
print(f"| open, list nothing | {ms(open_now)} | {ms(empty_open)} (an empty cache) | {empty_open / open_now:.2f} |")
print(f"| what each open added before: PRAGMA quick_check | | {ms(quick)} | |")
print(f"| WADO-RS retrieval of 500 images into this cache | {ms(full)} | {ms(empty)} (an empty cache) | {empty / full:.2f} |")
PY
