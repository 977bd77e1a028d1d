#pragma once
// A reformatted plane an annotation was drawn on (an MPR, oblique or double-oblique plane, a
// slab) rather than an acquired image: its points lie in it and its regions are measured on the
// volume resampled there. Value type, any thread.
#include "hf/dicomio/Vec3.h"

#include <string>

namespace hf {

struct AnnotationPlane {
    Vec3 origin;               // LPS mm
    Vec3 row, column;          // unit in-plane axes: right and down on screen
    double slabThickness = 0;  // mm; 0: a thin plane
    std::string slabMode;      // "" (thin), "mip", "minip" or "average"
    Vec3 normal() const { return row.cross(column); }
    bool slab() const { return !slabMode.empty() && slabThickness > 0; }
    // Whether `other` shows this plane: parallel within half a degree and its origin within
    // `tolerance` mm of this plane (a slab: half its thickness at least).
    bool shownIn(const AnnotationPlane& other, double tolerance) const;
};

// "ox,oy,oz;rx,ry,rz;cx,cy,cz" <-> a plane. The axes are made unit; one of no length or two
// not at right angles (within 1 degree) are refused. Throws std::invalid_argument naming the
// bad part.
AnnotationPlane parsePlane(const std::string& text);
std::string formatPlane(const AnnotationPlane& plane);
// "mip 10", "minip 5", "average 3.5" <-> the plane's slab; "" is thin. Throws
// std::invalid_argument on anything else.
void parseSlab(const std::string& text, AnnotationPlane& plane);
std::string formatSlab(const AnnotationPlane& plane);

} // namespace hf
