#!/bin/bash
# Fails when a lower layer includes what docs/architecture.md forbids (Qt Widgets below viewer/,
# VTK in dicomio/annotations, Qt or GDCM in rendering, the app in viewer, the network in
# dicomio's file side), or when anything links Qt 5 or VTK::GUISupportQt.
# Usage: check-layers.sh SOURCE_DIR [BUILD_DIR]
set -u
src=${1:?source dir}
build=${2:-}
qt_widgets_dir=$(ls -d /usr/include/*/qt6/QtWidgets /usr/include/qt6/QtWidgets 2>/dev/null | head -1)
failures=0
fail() { echo "LAYERING: $*"; failures=$((failures + 1)); }

includes() {  # folder [grep options] -> "file:line:header" for every #include <...> or "..."
  local folder=$1
  shift
  grep -rnoE '^\s*#\s*include\s*[<"][^>"]+[>"]' "$src/$folder" --include='*.h' --include='*.cpp' "$@" 2>/dev/null \
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
# names of files a folder holds (headers that a lower layer must not reach by a plain "Name.h")
file_names() { find "$src/$1" -type f \( -name '*.h' -o -name '*.cpp' \) -printf '%f\n' 2>/dev/null | sort -u; }

# viewer/ is below app/: none of the app's headers, no link to its libraries.
app_files=$(file_names app)
while IFS=: read -r file line header; do
  [ -z "$header" ] && continue
  case $header in
    hf/app/*) fail "$file:$line: viewer includes the app <$header>" ;;
    */*) ;;
    *) grep -qxF "$header" <<<"$app_files" && fail "$file:$line: viewer includes the app's \"$header\"" ;;
  esac
done < <(includes viewer)
grep -qE '^[^#]*(hf_gui|hf_export|hf_cli_commands|hf_app_common)' "$src/viewer/CMakeLists.txt" 2>/dev/null \
  && fail "viewer/CMakeLists.txt links an app library"

# dicomio's file side never reaches its network side (dicomio/net) nor a network library.
net_files=$(file_names dicomio/net)
while IFS=: read -r file line header; do
  [ -z "$header" ] && continue
  case $header in
    hf/dicomio/net/*|dcmtk/dcmnet/*|dcmtk/dcmtls/*|curl/*) fail "$file:$line: dicomio's file side includes the network <$header>" ;;
    */*) ;;
    *) grep -qxF "$header" <<<"$net_files" && fail "$file:$line: dicomio's file side includes the network's \"$header\"" ;;
  esac
done < <(includes dicomio --exclude-dir=net)
grep -qE '^[^#]*(dcmnet|CURL|hf_dicomio_net|dicomio_net)' "$src/dicomio/CMakeLists.txt" 2>/dev/null \
  && fail "dicomio/CMakeLists.txt (the file side) links the network"

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
