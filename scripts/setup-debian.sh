#!/bin/bash
# Installs every Debian 12 package Hounsfield needs to build, run and test. Idempotent:
# packages already present are skipped, so a second run costs a dpkg query.
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ make ninja-build ccache pkg-config clang-14 libclang-rt-14-dev
  qt6-base-dev libqt6opengl6-dev libqt6sql6-sqlite qt6-image-formats-plugins libgl-dev
  libvtk9-dev libinsighttoolkit5-dev libgdcm-dev libgdcm-tools libsqlite3-dev catch2 libdcmtk-dev libcurl4-openssl-dev libopenjph-dev libopenjp2-7-dev libssl-dev nlohmann-json3-dev
  # run and test
  gdb  # a test that gives up waiting prints every thread's stack (tests/support/StackDump.h)
  xvfb xauth libgl1-mesa-dri mesa-utils dcmtk dicom3tools openjph-tools python3-pydicom python3-numpy python3-pil poppler-utils libtiff-tools
  curl orthanc orthanc-dicomweb openssl stunnel4  # stunnel: HTTPS in front of Orthanc (its own HTTPS crashes on Debian 12)
  python3-rnc2rng libxml2-utils  # the audit messages checked against the PS3.15 schema
  desktop-file-utils lintian debootstrap  # the package test validates the desktop entry, runs lintian, installs in a clean chroot
  # patient names in every script: CJK and Hangul glyphs
  fonts-noto-cjk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
