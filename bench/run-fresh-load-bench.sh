#!/bin/bash
# What a reader waits for (docs/performance.md): the 512x512x500 CT phantom (15 HU noise) in
# explicit VR little endian, JPEG-LS, JPEG 2000 (GDCM/OpenJPEG's encoder) and HTJ2K (OpenJPH),
# each load in a fresh process (a new volume's pages faulted in), RUNS rounds alternating the
# syntaxes and readers, page cache warm; medians. Beside them the older figure: best of 3 loads
# in one process. The peer is the plain GDCM loop (bench_load --mode gdcm: ImageReader +
# GetBuffer per file, GDCM's default OpenJPEG threads); GDCM cannot read HTJ2K, so HTJ2K is
# compared with our JPEG 2000.
# Usage: bench/run-fresh-load-bench.sh [BUILD_DIR] [RUNS] ["SYNTAX ..."]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
runs=${2:-9}
data="$build/bench-data"
syntaxes=${3:-"explicit jpeg-ls j2k htj2k"}
for syntax in $syntaxes; do
  [ -f "$data/$syntax/IM0500.dcm" ] || "$build/app/hounsfield-cli" make-phantom --out "$data/$syntax" \
      --size 512x512x500 --spacing 0.7,0.7,1 --noise 15 --syntax "$syntax" >/dev/null
done
out="$data/fresh-runs.jsonl"
: > "$out"
one() {  # SYNTAX MODE REPEAT KIND
  "$build/bench/bench_load" "$data/$1" --mode "$2" --repeat "$3" 2>/dev/null | grep '"mode"' |
    /usr/bin/python3 -c 'import json,sys; r=json.loads(sys.stdin.read().strip().rstrip(",")); r["syntax"]=sys.argv[1]; r["kind"]=sys.argv[2]; print(json.dumps(r))' "$1" "$4" >> "$out"
}
for syntax in $syntaxes; do cat "$data/$syntax"/*.dcm > /dev/null; done  # warm the page cache
for ((i = 0; i < runs; i++)); do
  for syntax in $syntaxes; do
    one "$syntax" hounsfield 1 fresh
    [ "$syntax" = htj2k ] || one "$syntax" gdcm 1 fresh
  done
done
for syntax in $syntaxes; do
  one "$syntax" hounsfield 3 best3
  [ "$syntax" = htj2k ] || one "$syntax" gdcm 3 best3
done
/usr/bin/python3 - "$out" "$data" "$syntaxes" <<'PY'
import json, os, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
folder = lambda s: os.path.join(sys.argv[2], s)
size = lambda s: sum(os.path.getsize(os.path.join(folder(s), f)) for f in os.listdir(folder(s))) / 1e6
pick = lambda s, m, k: [x for x in rows if x["syntax"] == s and x["mode"] == m and x["kind"] == k]
print("| syntax | reader | fresh runs | fresh median s | fresh min-max s | first slice median s | best of 3 in one process s | files MB |")
print("|---|---|---|---|---|---|---|---|")
med = {}
for s in sys.argv[3].split():
    for m in ("gdcm", "hounsfield"):
        f = pick(s, m, "fresh")
        if not f:
            continue
        secs = [x["seconds"] for x in f]
        med[s, m] = statistics.median(secs)
        best = pick(s, m, "best3")
        print("| %s | %s | %d | %.3f | %.3f-%.3f | %s | %s | %.0f |" % (s, m, len(f), med[s, m], min(secs), max(secs),
              "%.3f" % statistics.median(x["first_slice_s"] for x in f) if m == "hounsfield" else "",
              "%.3f" % best[0]["seconds"] if best else "", size(s)))
print()
for s in sys.argv[3].split():
    if (s, "gdcm") in med:
        print("%s: hounsfield %.2fx the plain GDCM loop (fresh-process medians)" % (s, med[s, "gdcm"] / med[s, "hounsfield"]))
print("htj2k: %.2fx our j2k (fresh-process medians)" % (med["j2k", "hounsfield"] / med["htj2k", "hounsfield"]))
PY
