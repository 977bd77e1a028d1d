#!/bin/bash
# HTJ2K against JPEG 2000 for docs/performance.md: the same 512x512x500 CT phantom (15 HU noise)
# written by make-phantom in j2k (GDCM/OpenJPEG) and htj2k (OpenJPH); each load in a fresh
# process (what a reader waits for), RUNS times alternating, page cache warm; medians. The plain
# single-threaded GDCM loop (bench_load --mode gdcm) on the J2K files is the peer.
# Usage: bench/run-htj2k-bench.sh [BUILD_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-5}
data="$build/bench-data/htj2k"
for syntax in j2k htj2k; do
  [ -f "$data/$syntax/IM0500.dcm" ] || "$build/app/hounsfield-cli" make-phantom --out "$data/$syntax" \
      --size 512x512x500 --spacing 0.7,0.7,0.5 --noise 15 --syntax "$syntax" >/dev/null
done
out="$data/runs.jsonl"
: > "$out"
cat "$data"/*/*.dcm > /dev/null  # warm the page cache
for ((i = 0; i < runs; i++)); do
  for syntax in j2k htj2k; do
    "$build/bench/bench_load" "$data/$syntax" --mode hounsfield --repeat 1 |
      python3 -c 'import json,sys; r=json.load(sys.stdin)["results"][0]; r["syntax"]=sys.argv[1]; print(json.dumps(r))' "$syntax" >> "$out"
  done
  if ((i < 3)); then
    "$build/bench/bench_load" "$data/j2k" --mode gdcm --repeat 1 |
      python3 -c 'import json,sys; r=json.load(sys.stdin)["results"][0]; r["syntax"]="j2k"; print(json.dumps(r))' >> "$out"
  fi
done
python3 - "$out" "$data" <<'PY'
import json, os, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
size = lambda s: sum(os.path.getsize(os.path.join(sys.argv[2], s, f)) for f in os.listdir(os.path.join(sys.argv[2], s))) / 1e6
print("| syntax | reader | runs | load s (median) | first slice s (median) | files MB |")
print("|---|---|---|---|---|---|")
med = {}
for syntax, mode in (("j2k", "gdcm"), ("j2k", "hounsfield"), ("htj2k", "hounsfield")):
    r = [x for x in rows if x["syntax"] == syntax and x["mode"] == mode]
    med[syntax, mode] = statistics.median(x["seconds"] for x in r)
    print("| %s | %s | %d | %.3f | %.3f | %.0f |" % (syntax, mode, len(r), med[syntax, mode],
          statistics.median(x.get("first_slice_s", 0) for x in r), size(syntax)))
print()
print("HTJ2K against our J2K: %.2fx; our J2K against the plain GDCM loop: %.2fx" %
      (med["j2k", "hounsfield"] / med["htj2k", "hounsfield"], med["j2k", "gdcm"] / med["j2k", "hounsfield"]))
PY
