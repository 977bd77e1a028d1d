#include "hf/dicomio/StructureSlicing.h"

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

// The segments where the plane cuts a planar polygon (or polyline): the crossing points of its
// edges, ordered along the cut line and paired inside-outside.
void cutCrossing(const StructureContour& contour, const SlicePlane& plane, int roi, std::vector<StructureCut>& out)
{
    const auto& p = contour.points;
    const bool closed = contour.type == StructureContour::Type::ClosedPlanar;
    const size_t edges = closed ? p.size() : p.size() - 1;
    std::vector<Vec3> crossings;
    for (size_t i = 0; i < edges; ++i) {
        const Vec3& a = p[i];
        const Vec3& b = p[(i + 1) % p.size()];
        const double da = (a - plane.origin).dot(plane.normal), db = (b - plane.origin).dot(plane.normal);
        if ((da >= 0) == (db >= 0))
            continue;  // half-open: a vertex on the plane counts on the positive side, so it is crossed once
        crossings.push_back(a + (b - a) * (da / (da - db)));
    }
    if (crossings.size() < 2)
        return;
    // Along the line both planes share (any in-plane direction orders collinear points).
    const Vec3 along = crossings.back() - crossings.front();
    std::sort(crossings.begin(), crossings.end(), [&](const Vec3& x, const Vec3& y) { return x.dot(along) < y.dot(along); });
    for (size_t i = 0; i + 1 < crossings.size(); i += 2)
        out.push_back({roi, StructureCut::Shape::Open, {crossings[i], crossings[i + 1]}});
}

} // namespace

std::vector<StructureCut> cutStructures(const StructureSet& set, const SlicePlane& plane, double halfThickness)
{
    std::vector<StructureCut> cuts;
    for (const StructureRoi& roi : set.rois)
        for (const StructureContour& c : roi.contours) {
            if (c.points.empty())
                continue;
            double farthest = 0;
            for (const Vec3& point : c.points)
                farthest = std::max(farthest, std::abs((point - plane.origin).dot(plane.normal)));
            if (c.type == StructureContour::Type::Point) {
                std::vector<Vec3> near;
                for (const Vec3& point : c.points)
                    if (std::abs((point - plane.origin).dot(plane.normal)) <= halfThickness)
                        near.push_back(point);
                if (!near.empty())
                    cuts.push_back({roi.number, StructureCut::Shape::Points, std::move(near)});
            } else if (farthest <= halfThickness) {
                const bool closed = c.type == StructureContour::Type::ClosedPlanar;
                cuts.push_back({roi.number, closed ? StructureCut::Shape::Closed : StructureCut::Shape::Open, c.points});
            } else if (c.points.size() >= 2) {
                cutCrossing(c, plane, roi.number, cuts);
            }
        }
    return cuts;
}

} // namespace hf
