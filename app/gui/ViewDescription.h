#pragma once
// What the window shows, as JSON written beside a --screenshot PNG (FILE.json): for each 2D
// view its place in the picture, series, slice, window, zoom, orientation letters, corner text,
// scale bar and reference lines. Scripts and tests check the picture against it.
#include <QJsonObject>

namespace hf::gui {

class MainWindow;

QJsonObject describeViews(const MainWindow& window);

} // namespace hf::gui
