#pragma once
// Renders one slice the way the 2D view shows it (window/level, MONOCHROME1 and colour, true
// aspect from the pixel spacing, bilinear smoothing), with its annotations and corner text
// drawn by QPainter, into a QImage: exports need no display or GPU. Any thread.
#include "ExportInput.h"

#include <QImage>

namespace hf::exporting {

struct RenderOptions {
    double windowCenter = 40, windowWidth = 400;
    bool annotations = false;
    QStringList cornerText;  // drawn top-left, one line each
    QSize size;              // largest size; empty: natural size
    std::optional<QRectF> region;  // pixel index edges to show (zoom/pan); empty: the whole slice
};

// The window to use: the request's, else the file's first, else the slice's auto window.
void chooseWindow(const Volume& volume, int slice, const ExportRequest& request, double& center, double& width);

QImage renderSlice(const Volume& volume, int slice, const std::vector<MeasuredAnnotation>& annotations, const RenderOptions& options);

} // namespace hf::exporting
