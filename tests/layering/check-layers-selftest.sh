#!/bin/bash
# The layering check must catch a violation: plant one in a copy of the tree and expect failure.
set -u
src=${1:?source dir}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for d in dicomio/net/src annotations rendering viewer app/gui; do mkdir -p "$tmp/$d"; done
cp "$src/CMakeLists.txt" "$tmp/"
touch "$tmp/app/gui/MainWindow.h" "$tmp/dicomio/net/src/HttpClient.h"
echo '#include "HttpClient.h"' > "$tmp/dicomio/net/src/HttpClient.cpp"  # the network itself may
"$src/tests/layering/check-layers.sh" "$tmp" >/dev/null || { echo "clean tree should pass"; exit 1; }
for planted in 'dicomio/Bad.cpp:#include <QWidget>' 'rendering/Bad.cpp:#include <QString>' \
               'annotations/Bad.h:#include <vtkRenderer.h>' 'rendering/Bad.h:#include <QtWidgets/QLabel>' \
               'viewer/Bad.cpp:#include "MainWindow.h"' 'dicomio/Bad.cpp:#include "hf/dicomio/net/PacsNode.h"' \
               'dicomio/Bad.cpp:#include "HttpClient.h"' 'dicomio/Bad.h:#include <dcmtk/dcmnet/assoc.h>'; do
  file=${planted%%:*}; line=${planted#*:}
  echo "$line" > "$tmp/$file"
  if "$src/tests/layering/check-layers.sh" "$tmp" >/dev/null; then echo "missed: $line in $file"; exit 1; fi
  rm "$tmp/$file"
done
echo "layering check catches planted violations"
