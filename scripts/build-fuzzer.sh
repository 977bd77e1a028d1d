#!/bin/bash
# Builds the libFuzzer targets with clang into build-fuzz/ (configured once; rebuilds what changed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HF_FUZZ_BUILD_DIR:-$root/build-fuzz}
if [ ! -f "$build/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHF_FUZZ_ONLY=ON
fi
cmake --build "$build" -j "$(nproc)" --target fuzz_scan_decode fuzz_multipart fuzz_qido fuzz_plain_header
