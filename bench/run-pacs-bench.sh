#!/bin/bash
# Remote archive benchmark for docs/performance.md (issue 8): against Orthanc on loopback,
# started here on its own ports, in the same run:
#   - C-FIND (study level, by patient ID): `hounsfield-cli find` against DCMTK's findscu;
#   - retrieving a 500-instance series: `hounsfield-cli retrieve` by C-GET and by C-MOVE
#     (into a fresh cache: received, copied and indexed) against getscu and movescu (files only);
#   - WADO-RS: `hounsfield-cli retrieve` from the DICOMweb URL against curl saving the multipart body,
#     for the same 500 instances of 256x256 and again for 500 of 512x512 (a CT's matrix), which
#     shows what is paid per process and per instance rather than per byte.
# Whole processes are timed (wall clock, best of 3), so start-up counts on both sides.
# Usage: bench/run-pacs-bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
cli="$build/app/hounsfield-cli"
work="$build/bench-pacs"
source "$root/bench/orthanc-bench.sh"
rm -rf "$work"; mkdir -p "$work"
start_bench_orthanc

study=$(store_phantom_study "$work/series" 256x256x500 500)
bytes=$(du -sb "$work/series" | cut -f1)
study512=$(store_phantom_study "$work/series512" 512x512x500 512)
bytes512=$(du -sb "$work/series512" | cut -f1)

best() {  # COMMAND... -> best wall seconds of 3 (a "prepare" function runs before each)
  local best=""
  for _ in 1 2 3; do
    prepare
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    t1=$(date +%s.%N)
    best=$(python3 -c "a='$best'; t=$t1-$t0; print(t if not a else min(float(a), t))")
  done
  echo "$best"
}
row() {  # WHAT SECONDS PEER_SECONDS|"" [BYTES]
  python3 - "$1" "$2" "$3" "${4:-$bytes}" <<'PY'
import sys
what, s, peer, size = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
ratio = f"{float(peer) / s:.2f}" if peer else ""
rate = "" if what.startswith("C-FIND") else f"{size / s / 1e6:.0f} MB/s"
print(f"| {what} | {s * 1000:.0f} ms | {rate} | {ratio} |")
PY
}

prepare() { :; }
find_ours=$(best "$cli" find --node ORTHANC@127.0.0.1:$dicom --patient-id HF500 --json)
find_dcmtk=$(best findscu -aec ORTHANC -S -k QueryRetrieveLevel=STUDY -k PatientID=HF500 -k StudyInstanceUID 127.0.0.1 $dicom)

# Each run a cache and an output folder never used: nothing is deleted between timed runs, as
# ext4 makes new files slowly (find_inode_bit -> recently_deleted, 26% of a WADO-RS run's CPU
# in perf) for a few seconds after thousands were deleted - which costs the side that writes one
# file per instance, not curl's single body. The folders go when the bench ends.
# (best runs in a subshell: a counter would not survive it, mktemp's names do.)
prepare() {
  rm -f "$work/cache" "$work/out"
  mkdir -p "$work/runs"
  ln -s "$(mktemp -d "$work/runs/cache-XXXXXX")" "$work/cache"
  ln -s "$(mktemp -d "$work/runs/out-XXXXXX")" "$work/out"
}
get_ours=$(best "$cli" retrieve --node ORTHANC@127.0.0.1:$dicom --study "$study" --method get --db "$work/cache/cache.db")
get_dcmtk=$(best getscu -aec ORTHANC -S -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$study" -od "$work/out" 127.0.0.1 $dicom)
# DCMTK 3.6.7 leaves Nagle's algorithm on unless TCP_NODELAY=1; we turn it off (DcmtkLogging.h).
get_dcmtk_nodelay=$(TCP_NODELAY=1 best getscu -aec ORTHANC -S -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$study" -od "$work/out" 127.0.0.1 $dicom)
move_ours=$(best "$cli" retrieve --node ORTHANC@127.0.0.1:$dicom --study "$study" --method move --storage-port $move --db "$work/cache/cache.db")
move_dcmtk=$(best movescu -aet HOUNSFIELD -aec ORTHANC -aem HOUNSFIELD --port $move -S -k QueryRetrieveLevel=STUDY \
                  -k StudyInstanceUID="$study" -od "$work/out" 127.0.0.1 $dicom)
move_dcmtk_nodelay=$(TCP_NODELAY=1 best movescu -aet HOUNSFIELD -aec ORTHANC -aem HOUNSFIELD --port $move -S \
                  -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$study" -od "$work/out" 127.0.0.1 $dicom)
wado_ours=$(best "$cli" retrieve --node http://127.0.0.1:$http/dicom-web --study "$study" --db "$work/cache/cache.db")
wado_curl=$(best curl -sf -o "$work/out/body" -H 'Accept: multipart/related; type="application/dicom"' \
                 "http://127.0.0.1:$http/dicom-web/studies/$study")
wado512_ours=$(best "$cli" retrieve --node http://127.0.0.1:$http/dicom-web --study "$study512" --db "$work/cache/cache.db")
wado512_curl=$(best curl -sf -o "$work/out/body" -H 'Accept: multipart/related; type="application/dicom"' \
                    "http://127.0.0.1:$http/dicom-web/studies/$study512")
# The same without either process's start and end: our retrieval's own time (elapsed_ms: from
# the request to the last instance indexed, what the workstation's window waits for) against
# curl's time_total.
best_inside() {  # COMMAND... printing seconds -> the least of 3 (a "prepare" function runs before each)
  local least=""
  for _ in 1 2 3; do
    prepare
    local s
    s=$("$@" 2> /dev/null)
    least=$(python3 -c "a='$least'; print($s if not a else min(float(a), $s))")
  done
  echo "$least"
}
# (The answer is read once the process has ended: a reader started beside it would share the cores.)
wado_ours_inside=$(best_inside sh -c "'$cli' retrieve --node http://127.0.0.1:$http/dicom-web --study '$study' --db '$work/cache/cache.db' --json \
                   > '$work/retrieved.json' && python3 -c 'import json,sys; print(json.load(sys.stdin)[\"elapsed_ms\"] / 1000)' < '$work/retrieved.json'")
wado_curl_inside=$(best_inside curl -sf -o "$work/out/body" -w '%{time_total}' -H 'Accept: multipart/related; type="application/dicom"' \
                   "http://127.0.0.1:$http/dicom-web/studies/$study")

echo "500 instances of 256x256, $((bytes / 1000000)) MB (512x512: $((bytes512 / 1000000)) MB); ratio = peer seconds / ours (above 1: we are faster)"
echo
echo "| what | seconds (best of 3) | MB/s | peer (the row below) / ours |"
echo "|---|---|---|---|"
row "C-FIND, hounsfield-cli find" "$find_ours" "$find_dcmtk"
row "C-FIND, findscu" "$find_dcmtk" ""
row "C-GET into the cache, hounsfield-cli retrieve" "$get_ours" "$get_dcmtk"
row "C-GET to files, getscu" "$get_dcmtk" ""
row "C-GET to files, getscu with TCP_NODELAY=1" "$get_dcmtk_nodelay" ""
row "C-MOVE into the cache, hounsfield-cli retrieve" "$move_ours" "$move_dcmtk"
row "C-MOVE to files, movescu" "$move_dcmtk" ""
row "C-MOVE to files, movescu with TCP_NODELAY=1" "$move_dcmtk_nodelay" ""
row "WADO-RS into the cache, hounsfield-cli retrieve" "$wado_ours" "$wado_curl"
row "WADO-RS body to a file, curl" "$wado_curl" ""
row "WADO-RS into the cache, 512x512, hounsfield-cli retrieve" "$wado512_ours" "$wado512_curl" "$bytes512"
row "WADO-RS body to a file, 512x512, curl" "$wado512_curl" "" "$bytes512"
row "WADO-RS into the cache, the retrieval alone (elapsed_ms)" "$wado_ours_inside" "$wado_curl_inside"
row "WADO-RS body to a file, curl's time_total" "$wado_curl_inside" ""
