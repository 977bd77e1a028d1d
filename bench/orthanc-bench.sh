# Sourced by the benches that retrieve from Orthanc on loopback (run-pacs-bench.sh,
# run-cache-scale-bench.sh): their own Orthanc on the pacs bench's ports, stopped on exit, and
# phantom studies stored into it. Expects root, cli and work to be set.
http=18142 dicom=14342 move=14360

start_bench_orthanc() {
  "$root/tests/pacs/orthanc.sh" start "$work/orthanc" $http $dicom $move > /dev/null
  trap '"$root/tests/pacs/orthanc.sh" stop "$work/orthanc"; rm -rf "$work/runs"' EXIT
}

store_phantom_study() {  # FOLDER SIZE SEED -> the study UID; the phantom made there and sent
  "$cli" make-phantom --out "$1" --size "$2" --noise 15 --seed "$3" > /dev/null
  storescu -aec ORTHANC +sd 127.0.0.1 $dicom "$1" > /dev/null
  "$cli" info "$1" --json | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['patients'][0]['studies'][0]['uid'])"
}
