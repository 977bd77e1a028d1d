#include "hf/dicomio/CurvedReformat.h"

#include "hf/dicomio/ParallelFor.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeSampling.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace hf {
namespace {

ReformatImage blank(double widthMm, double heightMm, double spacing)
{
    if (!(spacing > 0) || !std::isfinite(widthMm) || !std::isfinite(heightMm) || widthMm <= 0 || heightMm < 0)
        throw std::invalid_argument("a reformat needs a positive width and spacing");
    const double columns = std::floor(widthMm / spacing) + 1, rows = std::floor(heightMm / spacing) + 1;
    if (columns * rows > kMaxReformatPixels)
        throw std::invalid_argument("the reformat would have " + std::to_string(long(columns * rows)) + " pixels, more than " +
                                    std::to_string(long(kMaxReformatPixels)));
    ReformatImage image;
    image.width = int(columns);
    image.height = int(rows);
    image.spacing = spacing;
    image.values.assign(size_t(image.width) * size_t(image.height), std::numeric_limits<float>::quiet_NaN());
    return image;
}

void sampleRow(const Volume& volume, ReformatImage& image, int row, const Vec3& centre, const Vec3& across)
{
    const double half = (image.width - 1) / 2.0;
    interpolateAlongLine(volume, centre - across * (half * image.spacing), across * image.spacing, image.width,
                         image.values.data() + size_t(row) * size_t(image.width));
}

} // namespace

ReformatImage straightenedReformat(const Volume& volume, const CurvedPath& path, double widthMm, double degrees, double spacing)
{
    ReformatImage image = blank(widthMm, path.length(), spacing > 0 ? spacing : smallestSpacing(volume));
    image.rowArcLength.resize(size_t(image.height));
    image.pathColumn.assign(size_t(image.height), (image.width - 1) / 2.0);
    parallelFor(size_t(image.height), 0, [&](size_t r) {
        const CurvedPath::Station s = path.at(double(r) * image.spacing, degrees);
        image.rowArcLength[r] = s.arcLength;
        sampleRow(volume, image, int(r), s.position, s.normal);
    });
    return image;
}

ReformatImage stretchedReformat(const Volume& volume, const CurvedPath& path, double widthMm, double degrees, double spacing)
{
    const double step = spacing > 0 ? spacing : smallestSpacing(volume);
    // One direction across the whole path: the start's normal, turned, made perpendicular to
    // the chord from start to end.
    const CurvedPath::Station start = path.at(0, degrees);
    const Vec3 chord = (path.at(path.length()).position - start.position).normalized();
    Vec3 across = start.normal - chord * start.normal.dot(chord);
    across = across.norm() > 1e-6 ? across.normalized() : start.normal;
    // Rows follow the path's length across that direction (its part along it is what the
    // columns show), found at fine steps along the arc.
    std::vector<double> arcOfRow{0};
    const double fine = step / 8;
    double flattened = 0, nextRow = step;
    Vec3 previous = start.position;
    for (double s = fine; s <= path.length() + fine / 2; s += fine) {
        const Vec3 p = path.at(s).position, d = p - previous;
        flattened += (d - across * d.dot(across)).norm();
        previous = p;
        while (flattened >= nextRow) {
            arcOfRow.push_back(s);
            nextRow += step;
        }
        if (double(arcOfRow.size()) * (widthMm / step + 1) > kMaxReformatPixels)
            throw std::invalid_argument("the stretched reformat would have more than " + std::to_string(long(kMaxReformatPixels)) + " pixels");
    }
    // Columns keep where the path runs along `across` (its bends in that direction show): each
    // row's centre is the path's point, placed at its offset along `across` from the start.
    std::vector<double> offset(arcOfRow.size());
    double lo = 0, hi = 0;
    for (size_t r = 0; r < arcOfRow.size(); ++r) {
        offset[r] = (path.at(arcOfRow[r]).position - start.position).dot(across);
        lo = std::min(lo, offset[r]);
        hi = std::max(hi, offset[r]);
    }
    ReformatImage image = blank(widthMm + (hi - lo), double(arcOfRow.size() - 1) * step, step);
    image.rowArcLength = arcOfRow;
    const double middle = (lo + hi) / 2;  // the offset at the image's middle column
    for (size_t r = 0; r < offset.size(); ++r)
        image.pathColumn.push_back((image.width - 1) / 2.0 + (offset[r] - middle) / step);
    parallelFor(size_t(image.height), 0, [&](size_t r) {
        const Vec3 centre = path.at(arcOfRow[r]).position + across * (middle - offset[r]);
        sampleRow(volume, image, int(r), centre, across);
    });
    return image;
}

ReformatImage pathCrossSection(const Volume& volume, const CurvedPath& path, double arcLength, double widthMm, double degrees,
                               double spacing)
{
    ReformatImage image = blank(widthMm, widthMm, spacing > 0 ? spacing : smallestSpacing(volume));
    const CurvedPath::Station s = path.at(arcLength, degrees);
    const double half = (image.height - 1) / 2.0;
    parallelFor(size_t(image.height), 0, [&](size_t r) {
        sampleRow(volume, image, int(r), s.position + s.binormal * ((double(r) - half) * image.spacing), s.normal);
    });
    return image;
}

} // namespace hf
