#pragma once
// An annotation's points in the forms SR and GSPS want: SCOORD/GSPS graphic on the image and
// SCOORD3D in patient space (ellipses by their axes, closed outlines repeating the first point).
// Internal to dicomio.
#include "hf/dicomio/StudyAnnotationSet.h"

#include <cmath>

namespace hf {

// SCOORD (image) and SCOORD3D (patient) forms of an annotation's points.
struct Graphic {
    std::string type2d, type3d;
    std::vector<std::array<double, 2>> pixels;
    std::vector<Vec3> lps;
};

inline Graphic graphicOf(const AnnotationRecord& a)
{
    Graphic g{"POLYLINE", "POLYLINE", a.pixels, a.points};
    const std::string& k = a.kind;
    if (k == "point" || k == "text") {
        g.type2d = g.type3d = "POINT";
    } else if (k == "cobb") {
        g.type2d = g.type3d = "MULTIPOINT";
    } else if ((k == "polygon" || k == "freehand") && !a.points.empty()) {
        g.pixels.push_back(a.pixels.front());
        g.lps.push_back(a.points.front());
        g.type3d = "POLYGON";
    } else if (k == "rectangle" && a.points.size() == 2) {
        // (No pixels: drawn on a reformatted plane, in patient space only.)
        if (const auto& p = a.pixels; p.size() == 2)
            g.pixels = {p[0], {p[1][0], p[0][1]}, p[1], {p[0][0], p[1][1]}, p[0]};
        const Vec3 d = a.points[1] - a.points[0];
        const Vec3 across = a.rowDirection * d.dot(a.rowDirection);
        g.lps = {a.points[0], a.points[0] + across, a.points[1], a.points[1] - across, a.points[0]};
        g.type3d = "POLYGON";
    } else if (k == "ellipse" && a.points.size() == 2) {
        // Axis end points from the bounding box corners: the longer axis first (DICOM's major).
        const Vec3 c = (a.points[0] + a.points[1]) * 0.5, d = a.points[1] - a.points[0];
        const Vec3 hx = a.rowDirection * (d.dot(a.rowDirection) / 2), hy = a.columnDirection * (d.dot(a.columnDirection) / 2);
        std::vector<Vec3> h3{c - hx, c + hx}, v3{c - hy, c + hy};
        const bool horizontalMajor = hx.norm() >= hy.norm();
        g.lps = horizontalMajor ? std::vector{h3[0], h3[1], v3[0], v3[1]} : std::vector{v3[0], v3[1], h3[0], h3[1]};
        if (const auto& p = a.pixels; p.size() == 2) {
            const double cx = (p[0][0] + p[1][0]) / 2, cy = (p[0][1] + p[1][1]) / 2;
            std::vector<std::array<double, 2>> horizontal{{p[0][0], cy}, {p[1][0], cy}}, vertical{{cx, p[0][1]}, {cx, p[1][1]}};
            const bool pixelsHorizontalMajor = std::abs(p[1][0] - p[0][0]) >= std::abs(p[1][1] - p[0][1]);
            g.pixels = pixelsHorizontalMajor ? std::vector{horizontal[0], horizontal[1], vertical[0], vertical[1]}
                                             : std::vector{vertical[0], vertical[1], horizontal[0], horizontal[1]};
            if (pixelsHorizontalMajor != horizontalMajor)  // anisotropic pixels: the image's major axis leads both
                g.lps = pixelsHorizontalMajor ? std::vector{h3[0], h3[1], v3[0], v3[1]} : std::vector{v3[0], v3[1], h3[0], h3[1]};
        }
        g.type2d = g.type3d = "ELLIPSE";
    } else if (k == "sphere" && a.points.size() == 2) {
        // On its centre's image a circle (centre, a point on it); in patient space an ellipsoid
        // by its three axes' end points.
        g.type2d = "CIRCLE";
        g.type3d = "ELLIPSOID";
        const Vec3 c = a.points[0];
        const double r = (a.points[1] - a.points[0]).norm();
        const Vec3 normal = a.rowDirection.cross(a.columnDirection);
        g.lps = {c - a.rowDirection * r, c + a.rowDirection * r, c - a.columnDirection * r, c + a.columnDirection * r, c - normal * r, c + normal * r};
    }
    return g;
}

} // namespace hf
