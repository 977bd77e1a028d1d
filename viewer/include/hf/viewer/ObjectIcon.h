#pragma once
// The icon of a series of objects with no image (SR, PR, KO, SEG, RTSTRUCT...): a tile in the
// kind's colour with its short name, where an image series shows a thumbnail. Any thread
// (draws into a QImage).
#include <QImage>
#include <QString>

namespace hf {

// kind: SopClassInfo::kind ("SR", "KO", "PR", "SEG", "RTSTRUCT", ...); size: the square's side in pixels.
QImage objectIcon(const QString& kind, int size);

} // namespace hf
