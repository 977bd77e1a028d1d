#include "hf/dicomio/ImageMarks.h"

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

// Whether image pixel (row, column), 1-based, is inside every shutter shape given (PS3.3
// C.7.6.11: the shapes combine, what any of them leaves out is blanked).
bool overlayBit(const ImageOverlay& o, int row, int column)  // 1-based image pixel; the plane's first frame
{
    const int r = row - o.originRow, c = column - o.originColumn;
    if (r < 0 || c < 0 || r >= o.rows || c >= o.columns)
        return false;
    const size_t bit = size_t(r) * size_t(o.columns) + size_t(c);
    return bit / 8 < o.bits.size() && ((o.bits[bit / 8] >> (bit % 8)) & 1);
}

bool insideShutter(const DisplayShutter& s, int row, int column)
{
    if (s.bitmap && overlayBit(s.bitmapPlane, row, column))
        return false;
    if (s.rectangular && (column < s.left || column > s.right || row < s.upper || row > s.lower))
        return false;
    if (s.circular) {
        const double dr = row - s.centreRow, dc = column - s.centreColumn;
        if (dr * dr + dc * dc > double(s.radius) * s.radius)
            return false;
    }
    if (s.polygonal && s.vertices.size() >= 6) {
        bool inside = false;
        const size_t n = s.vertices.size() / 2;
        for (size_t i = 0, j = n - 1; i < n; j = i++) {
            const double ri = s.vertices[2 * i], ci = s.vertices[2 * i + 1], rj = s.vertices[2 * j], cj = s.vertices[2 * j + 1];
            if ((ri > row) != (rj > row) && column < (cj - ci) * (row - ri) / (rj - ri) + ci)
                inside = !inside;
        }
        if (!inside)
            return false;
    }
    return true;
}

} // namespace

void compositeOver(std::uint8_t* below, const std::uint8_t* above, size_t bytes)
{
    for (size_t p = 0; p + 3 < bytes; p += 4) {
        const double a = above[p + 3] / 255.0, under = below[p + 3] / 255.0 * (1 - a), total = a + under;
        for (size_t c = 0; c < 3; ++c)
            below[p + c] = std::uint8_t(total > 0 ? (above[p + c] * a + below[p + c] * under) / total + 0.5 : 0);
        below[p + 3] = std::uint8_t(total * 255 + 0.5);
    }
}

void composeLayers(const std::map<int, std::vector<std::uint8_t>>& layers, std::uint8_t* out, size_t bytes)
{
    bool first = true;
    for (const auto& [order, pixels] : layers) {
        if (first)
            std::copy_n(pixels.data(), bytes, out);
        else
            compositeOver(out, pixels.data(), bytes);
        first = false;
    }
}

std::vector<std::uint8_t> imageMarksLayer(const std::vector<ImageOverlay>& overlays, const DisplayShutter& shutter, int rows,
                                          int columns, int frame, bool showOverlays)
{
    std::vector<std::uint8_t> rgba;
    if (rows <= 0 || columns <= 0)
        return rgba;
    auto ensure = [&] {
        if (rgba.empty())
            rgba.assign(size_t(rows) * size_t(columns) * 4, 0);
    };
    if (showOverlays)
        for (const ImageOverlay& o : overlays) {
            const int index = frame - o.firstFrame;  // which of the overlay's frames
            if (index < 0 || index >= o.frames || o.rows <= 0 || o.columns <= 0)
                continue;
            const size_t perFrame = size_t(o.rows) * size_t(o.columns);
            // Only the part of the plane that lies on the image.
            const int firstRow = std::max(0, 1 - o.originRow), lastRow = std::min(o.rows, rows + 1 - o.originRow);
            const int firstColumn = std::max(0, 1 - o.originColumn), lastColumn = std::min(o.columns, columns + 1 - o.originColumn);
            for (int r = firstRow; r < lastRow; ++r)
                for (int c = firstColumn; c < lastColumn; ++c) {
                    const size_t bit = size_t(index) * perFrame + size_t(r) * size_t(o.columns) + size_t(c);
                    if (bit / 8 >= o.bits.size() || !((o.bits[bit / 8] >> (bit % 8)) & 1))
                        continue;
                    const int row = o.originRow - 1 + r, column = o.originColumn - 1 + c;  // 0-based image pixel
                    if (row < 0 || column < 0 || row >= rows || column >= columns)
                        continue;
                    ensure();
                    std::uint8_t* p = &rgba[(size_t(row) * size_t(columns) + size_t(column)) * 4];
                    p[0] = o.colour[0];
                    p[1] = o.colour[1];
                    p[2] = o.colour[2];
                    p[3] = 255;
                }
        }
    if (shutter.any()) {
        const auto grey = std::uint8_t(std::lround(std::clamp(shutter.presentationValue, 0, 65535) * 255.0 / 65535.0));
        for (int row = 0; row < rows; ++row)
            for (int column = 0; column < columns; ++column)
                if (!insideShutter(shutter, row + 1, column + 1)) {
                    ensure();
                    std::uint8_t* p = &rgba[(size_t(row) * size_t(columns) + size_t(column)) * 4];
                    p[0] = p[1] = p[2] = grey;
                    p[3] = 255;
                }
    }
    return rgba;
}

} // namespace hf
