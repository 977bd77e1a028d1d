#!/bin/bash
# The .deb installed the way a user installs it, on a clean Debian 12: a minimal bookworm made
# here with debootstrap, `apt install ./hounsfield_*.deb` inside it (every dependency from
# Debian's archive), then the installed programs answering --version and the workstation
# rendering a screenshot under Xvfb inside the chroot, the CLI exporting a picture. ~1.5 min
# and ~0.9 GB on this machine.
# Exit 1: the package failed; exit 2: this machine does not allow it (not root, no debootstrap,
# no archive) - check-deb.sh then says so and keeps its other checks.
# Usage: chroot-install.sh DEB SCRATCH_DIR
set -u
deb=$1 scratch=$2
fail() { echo "chroot-install.sh: $*"; exit 1; }
cannot() { echo "chroot-install.sh: no clean chroot on this machine: $*"; exit 2; }
[ "$(id -u)" = 0 ] || cannot "needs root (debootstrap, chroot)"
command -v debootstrap > /dev/null || cannot "needs debootstrap (apt-get install debootstrap)"
root="$scratch/bookworm"
# No /proc or /dev mounted into it (debootstrap made the device nodes apt and Xvfb need): nothing
# of the host's can be reached through the chroot, nor deleted with it.
rm -rf --one-file-system "$root" && mkdir -p "$scratch"
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2> /dev/null | head -1)
debootstrap --variant=minbase bookworm "$root" "${mirror:-http://deb.debian.org/debian}" > "$scratch/debootstrap.log" 2>&1 ||
  { tail -20 "$scratch/debootstrap.log"; cannot "debootstrap failed (the archive, or this machine)"; }
cp "$deb" "$root/tmp/" || fail "cannot copy $deb into the chroot"
name=$(basename "$deb")
inside() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
inside apt-get update > "$scratch/apt-update.log" 2>&1 || { tail -20 "$scratch/apt-update.log"; cannot "apt-get update failed in the chroot"; }
inside apt-get install -y --no-install-recommends "/tmp/$name" > "$scratch/apt-install.log" 2>&1 ||
  { tail -30 "$scratch/apt-install.log"; fail "apt install ./$name failed on a clean Debian 12"; }
inside dpkg -s hounsfield | grep -q "^Status: install ok installed" || fail "hounsfield is not installed"
version=$(inside dpkg-query -W -f '${Version}' hounsfield)
[ "$(inside hounsfield-cli --version)" = "hounsfield-cli $version" ] || fail "hounsfield-cli --version in the chroot"
[ "$(inside hounsfield --version)" = "hounsfield $version" ] || fail "hounsfield --version in the chroot"
inside hounsfield-cli make-phantom --out /tmp/phantom --size 64x64x8 > /dev/null || fail "make-phantom in the chroot"
inside hounsfield-cli find --help > /dev/null || fail "hounsfield-cli find (its network module) in the chroot"
# Xvfb is the test's, not the package's: a desktop brings its own display. Its number is far
# from the host's (xvfb-run -a starts at 99): the chroot has a /tmp of its own, so the host's lock
# files do not keep it off a display the host's tests hold, yet X's abstract sockets are shared.
inside apt-get install -y --no-install-recommends xvfb xauth > "$scratch/apt-xvfb.log" 2>&1 || { tail -20 "$scratch/apt-xvfb.log"; fail "cannot install xvfb"; }
inside xvfb-run -a -n 299 -s "-screen 0 1280x800x24" hounsfield --db /tmp/cache.db --screenshot /tmp/shot.png /tmp/phantom \
  > "$scratch/gui.log" 2>&1 || { tail -20 "$scratch/gui.log"; fail "the installed hounsfield did not render a screenshot in the chroot"; }
cp "$root/tmp/shot.png" "$scratch/shot.png"
file "$scratch/shot.png" | grep -q "PNG image data" || fail "no PNG screenshot"
# hounsfield-cli's export runs from its module (Qt Gui), found where the package put it.
series=$(inside hounsfield-cli info /tmp/phantom | awk '$1 == "series" {print $NF}')
inside hounsfield-cli export --db /tmp/cache.db --series "$series" --format png --out /tmp/slice.png > "$scratch/export.log" 2>&1 ||
  { tail -20 "$scratch/export.log"; fail "hounsfield-cli export (its imaging module) in the chroot"; }
cp "$root/tmp/slice.png" "$scratch/slice.png"
file "$scratch/slice.png" | grep -q "PNG image data, 64 x 64" || fail "no 64x64 PNG exported"
packages=$(inside dpkg-query -W -f '${Package}\n' | wc -l)
echo "chroot-install.sh: $name installed with apt on a clean Debian 12 ($packages packages), runs and renders"
