#!/bin/bash
# Loading benchmark for docs/performance.md: a 512x512x500 CT phantom (15 HU noise, so it
# compresses like a real scan) uncompressed, JPEG-LS and JPEG 2000, plus the real GE head CT.
# Each mode runs in its own process, best of 3 with the page cache warm. Peak memory: each mode
# also runs once alone in a fresh memory cgroup (child processes and shared memory included),
# where this machine allows one; it includes the process's own libraries.
# Usage: bench/run-load-bench.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
data="$build/bench-data"
for syntax in explicit jpeg-ls j2k; do
  [ -f "$data/$syntax/IM0500.dcm" ] || "$build/app/hounsfield-cli" make-phantom --out "$data/$syntax" \
      --size 512x512x500 --spacing 0.7,0.7,1 --noise 15 --syntax "$syntax"
done

memory_root=""
if [ -d /sys/fs/cgroup/memory ]; then
  memory_root="/sys/fs/cgroup/memory$(grep ':memory:' /proc/self/cgroup | cut -d: -f3)"
  mkdir -p "$memory_root/hf-bench-probe" 2>/dev/null && rmdir "$memory_root/hf-bench-probe" || memory_root=""
fi
peak_bytes() {  # DIR MODE -> bytes at peak, or empty
  [ -n "$memory_root" ] || return 0
  local cg="$memory_root/hf-bench-$$"
  mkdir -p "$cg"
  sh -c "echo \$\$ > '$cg/cgroup.procs'; exec '$build/bench/bench_load' '$1' --mode '$2' --repeat 1" >/dev/null 2>&1
  cat "$cg/memory.max_usage_in_bytes"
  rmdir "$cg"
}

series=("$data/explicit" "$data/jpeg-ls" "$data/j2k" "$root/../shared/corpus/dcm_qa_ct/In/GE")
echo "| series | mode | seconds | MB/s | first slice s | peak memory / voxel bytes |"
echo "|---|---|---|---|---|---|"
for dir in "${series[@]}"; do
  modes="cat gdcm hounsfield hounsfield-threads itk"
  case $dir in */explicit|*/GE) modes="$modes vtk" ;; esac
  for mode in $modes; do
    line=$("$build/bench/bench_load" "$dir" --mode "$mode" --repeat 3 2>/dev/null | grep '"mode"')
    peak=$(peak_bytes "$dir" "$mode")
    /usr/bin/python3 - "$line" "${peak:-0}" "$(basename "$dir")" <<'PY'
import json, sys
r = json.loads(sys.argv[1].strip().rstrip(','))
peak = float(sys.argv[2])
ratio = '%.2f' % (peak / r['voxel_bytes']) if peak and r['voxel_bytes'] else ''
first = '%.3f' % r['first_slice_s'] if r['first_slice_s'] else ''
print('| %s | %s | %.3f | %.0f | %s | %s |' % (sys.argv[3], r['mode'], r['seconds'], r['mb_per_s'], first, ratio))
PY
  done
done
