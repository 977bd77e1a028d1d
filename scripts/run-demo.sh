#!/bin/bash
# Command 1 of README.md: install what is missing, build, write a demo study, open the workstation.
# Extra arguments go to `hounsfield` (e.g. --layout 1x1 --window 40,400).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HF_BUILD_DIR:-$root/build}
"$root/scripts/setup-debian.sh"
"$root/scripts/build.sh"
demo="$build/demo-study"
if [ ! -f "$demo/IM0001.dcm" ]; then
  "$build/app/hounsfield-cli" make-phantom --out "$demo" --size 256x256x120 --spacing 0.8,0.8,1.5
fi
if [ -z "${DISPLAY:-}" ]; then
  # No screen (a server, CI, ssh without -X): render once under Xvfb and leave a picture.
  xvfb-run -a -s "-screen 0 1920x1080x24" "$build/app/hounsfield" "$demo" --screenshot "$build/demo-screenshot.png" "$@"
  echo "No DISPLAY: the workstation rendered the demo study to $build/demo-screenshot.png"
  exit 0
fi
exec "$build/app/hounsfield" "$demo" "$@"
