#!/bin/bash
# Command 2 of README.md (and what CI runs): install what is missing, build, run every test
# (unit, rendering under Xvfb, executables, a short fuzzing run) and finish with ctest's summary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HF_BUILD_DIR:-$root/build}
"$root/scripts/setup-debian.sh"
"$root/scripts/build.sh"
"$root/scripts/build-fuzzer.sh"
cd "$build"
ctest --output-on-failure --timeout 600 -j 2 "$@"
