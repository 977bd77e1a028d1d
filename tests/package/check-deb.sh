#!/bin/bash
# The Debian package as a user gets it: built with CPack from this build, its control data
# (name, version, dependencies from the linked libraries and the run-time plugins), its files
# (programs, presets, protocols, desktop entry, icon, MIME type, man page), each of those valid,
# its dependencies installable from this machine's archive (apt-get --simulate), lintian
# finding no error or warning, the package installed with apt on a clean Debian 12 chroot when
# the machine allows it (chroot-install.sh), and the programs (installed there, and extracted
# here) answering --version and rendering a screenshot under Xvfb.
# Usage: check-deb.sh BUILD_DIR SCRATCH_DIR
set -u
build=$1 scratch=$2
fail() { echo "check-deb.sh: $*"; exit 1; }
rm -rf --one-file-system "$scratch" && mkdir -p "$scratch"
(cd "$build" && cpack -G DEB -B "$scratch/package" > "$scratch/cpack.log" 2>&1) || { cat "$scratch/cpack.log"; fail "cpack failed"; }
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
deb="$scratch/package/hounsfield_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb"

info=$(dpkg-deb --info "$deb")
for field in "Package: hounsfield" "Version: $version" "Architecture: amd64"; do
  grep -q "$field" <<< "$info" || fail "control lacks '$field'"
done
depends=$(sed -n 's/^ Depends: //p' <<< "$info")
for dep in libqt6core6 libqt6widgets6 libvtk9.1 libdcmtk17 libgdcm3.0 libinsighttoolkit5.2 libcurl4 libssl3 qt6-qpa-plugins libgl1-mesa-dri; do
  grep -q "$dep" <<< "$depends" || fail "Depends lacks $dep: $depends"
done

contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in ./usr/bin/hounsfield ./usr/bin/hounsfield-cli ./usr/share/applications/hounsfield.desktop \
            ./usr/share/icons/hicolor/scalable/apps/hounsfield.svg ./usr/share/mime/packages/hounsfield.xml \
            ./usr/share/man/man1/hounsfield-cli.1.gz ./usr/share/man/man1/hounsfield.1.gz \
            ./usr/share/doc/hounsfield/copyright ./usr/share/doc/hounsfield/changelog.gz \
            ./usr/share/hounsfield/presets/window-presets.json ./usr/share/hounsfield/protocols/ct-chest.json; do
  grep -qx "$path" <<< "$contents" || fail "the package lacks $path"
done
# hounsfield-cli's commands: its modules (all of them; echo, find and retrieve without GDCM;
# export, register and annotate), private to the package.
for module in full network imaging; do
  grep -qE "^\./usr/lib/(x86_64-linux-gnu/)?hounsfield/modules/hounsfield-cli-$module\.so\$" <<< "$contents" ||
    fail "the package lacks hounsfield-cli's $module module (usr/lib/.../hounsfield/modules/hounsfield-cli-$module.so)"
done

root="$scratch/root"
dpkg-deb -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/hounsfield.desktop" || fail "the desktop entry is not valid"
grep -q "MimeType=application/dicom;application/x-dicomdir;" "$root/usr/share/applications/hounsfield.desktop" || fail "no DICOM MIME association"
xmllint --noout "$root/usr/share/mime/packages/hounsfield.xml" || fail "the MIME package is not XML"
xmllint --noout "$root/usr/share/icons/hicolor/scalable/apps/hounsfield.svg" || fail "the icon is not SVG/XML"
for page in hounsfield hounsfield-cli; do
  warnings=$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/$page.1.gz" 2>&1 > "$scratch/$page.txt")
  [ -z "$warnings" ] || fail "the $page man page has warnings: $warnings"
  grep -q "^NAME" "$scratch/$page.txt" && grep -q "$page \\?- " "$scratch/$page.txt" || fail "the $page man page does not render"
done
zcat "$root/usr/share/doc/hounsfield/changelog.gz" | head -1 | grep -q "^hounsfield ($version) " || fail "the changelog does not start with this version"

# Debian's own checks of the package (lintian: control data, files, man pages, changelog).
lintian --fail-on error,warning --tag-display-limit 0 "$deb" > "$scratch/lintian.log" 2>&1 ||
  { cat "$scratch/lintian.log"; fail "lintian found errors or warnings"; }

# Installable here: every dependency resolves in this machine's package archive.
apt-get --simulate install "$deb" > "$scratch/apt.log" 2>&1 || { cat "$scratch/apt.log"; fail "apt-get cannot install the package"; }
grep -q "^Inst hounsfield" "$scratch/apt.log" || grep -q "hounsfield is already the newest" "$scratch/apt.log" ||
  { cat "$scratch/apt.log"; fail "apt-get would not install hounsfield"; }

# On a clean Debian 12 when this machine allows it: apt install in a chroot made here.
"$(dirname "$0")/chroot-install.sh" "$deb" "$scratch/chroot"
case $? in
  0) ;;
  2) echo "check-deb.sh: checked with dpkg-deb, lintian and apt-get --simulate instead" ;;
  *) fail "the package does not install and run on a clean Debian 12 (above)" ;;
esac
rm -rf --one-file-system "$scratch/chroot/bookworm"  # 0.9 GB

# The programs as installed (here, extracted).
[ "$("$root/usr/bin/hounsfield-cli" --version)" = "hounsfield-cli $version" ] || fail "hounsfield-cli --version"
[ "$("$root/usr/bin/hounsfield" --version)" = "hounsfield $version" ] || fail "hounsfield --version"
"$root/usr/bin/hounsfield-cli" make-phantom --out "$scratch/phantom" --size 64x64x8 > /dev/null || fail "make-phantom"
for command in export register annotate; do  # found where the package puts the module
  "$root/usr/bin/hounsfield-cli" $command --help > /dev/null || fail "hounsfield-cli $command (the imaging module)"
done
for command in echo find retrieve; do
  "$root/usr/bin/hounsfield-cli" $command --help > /dev/null || fail "hounsfield-cli $command (the network module)"
done
xvfb-run -a -s "-screen 0 1280x800x24" "$root/usr/bin/hounsfield" --db "$scratch/cache.db" --screenshot "$scratch/shot.png" \
  "$scratch/phantom" > "$scratch/gui.log" 2>&1 || { cat "$scratch/gui.log"; fail "the installed hounsfield did not render a screenshot"; }
file "$scratch/shot.png" | grep -q "PNG image data" || fail "no PNG screenshot"
echo "check-deb.sh: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) installs, runs and renders"
