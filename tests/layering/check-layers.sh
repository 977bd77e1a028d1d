#!/bin/bash
# Fails when a lower layer includes what docs/architecture.md forbids, or when anything links
# Qt 5 or VTK::GUISupportQt.  Usage: check-layers.sh SOURCE_DIR [BUILD_DIR]
set -u
src=${1:?source dir}
build=${2:-}
qt_widgets_dir=$(ls -d /usr/include/*/qt6/QtWidgets /usr/include/qt6/QtWidgets 2>/dev/null | head -1)
failures=0
fail() { echo "LAYERING: $*"; failures=$((failures + 1)); }

includes() {  # folder -> "file:line:header" for every #include <...> or "..."
  grep -rnoE '^\s*#\s*include\s*[<"][^>"]+[>"]' "$src/$1" --include='*.h' --include='*.cpp' 2>/dev/null \
    | sed -E 's/#\s*include\s*[<"]([^>"]+)[>"]/\1/; s/:\s*/:/g'
}

is_widgets_header() {
  local h=${1#QtWidgets/}
  [[ $1 == QtWidgets/* ]] && return 0
  [ -n "$qt_widgets_dir" ] && [ -e "$qt_widgets_dir/$h" ]
}

for layer in dicomio annotations rendering; do
  while IFS=: read -r file line header; do
    [ -z "$header" ] && continue
    if is_widgets_header "$header"; then fail "$file:$line includes Qt Widgets header <$header>"; fi
    case $layer:$header in
      dicomio:vtk*|annotations:vtk*) fail "$file:$line: $layer must not include VTK <$header>" ;;
      rendering:Q*|rendering:qt*) fail "$file:$line: rendering must not include Qt <$header>" ;;
      rendering:gdcm*) fail "$file:$line: rendering must not include GDCM <$header>" ;;
      rendering:hf/annotations/*) fail "$file:$line: rendering must not include annotations <$header>" ;;
      dicomio:hf/annotations/*|dicomio:hf/rendering/*|dicomio:hf/viewer/*) fail "$file:$line: dicomio includes a higher layer <$header>" ;;
      annotations:hf/rendering/*|annotations:hf/viewer/*) fail "$file:$line: annotations includes <$header>" ;;
    esac
  done < <(includes "$layer")
done
grep -rqE '^[^#]*GUISupportQt' "$src"/*/CMakeLists.txt "$src/CMakeLists.txt" 2>/dev/null && fail "a CMakeLists.txt names VTK::GUISupportQt"

if [ -n "$build" ]; then
  [ -f "$build/build.ninja" ] && grep -q 'libvtkGUISupportQt' "$build/build.ninja" && fail "something links libvtkGUISupportQt"
  [ -f "$build/build.ninja" ] && grep -qE 'libQt5' "$build/build.ninja" && fail "something links Qt 5"
  found=0
  while IFS= read -r exe; do
    found=$((found + 1))
    if ldd "$exe" 2>/dev/null | grep -q 'libQt5'; then fail "$exe loads Qt 5: $(ldd "$exe" | grep libQt5 | head -1)"; fi
  done < <(find "$build" -type f -perm -u+x \( -name 'hounsfield*' -o -name 'test_*' \) 2>/dev/null)
  [ "$found" -ge 2 ] || fail "no executables found under $build to check with ldd"
fi

if [ "$failures" -gt 0 ]; then echo "$failures layering violation(s)"; exit 1; fi
echo "layering ok"
