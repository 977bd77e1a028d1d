#pragma once
// One slice of a stack as a rectangle in patient space, and the geometry between slices of
// different stacks: where another view's plane cuts this one (reference lines) and which slice
// of a stack is nearest to a patient position (synchronised scrolling). Value types, any thread.
#include "hf/dicomio/StackGeometry.h"
#include "hf/dicomio/Vec3.h"

#include <optional>

namespace hf {

struct SlicePlane {
    Vec3 origin;  // centre of the slice's first voxel
    Vec3 rowDirection{1, 0, 0}, columnDirection{0, 1, 0}, normal{0, 0, 1};
    double columnSpacing = 1, rowSpacing = 1;
    int columns = 0, rows = 0;

    static SlicePlane of(const StackGeometry& geometry, int slice);
    Vec3 center() const;
    // In-plane coordinates (mm along rowDirection / columnDirection from origin).
    double u(const Vec3& p) const { return (p - origin).dot(rowDirection); }
    double v(const Vec3& p) const { return (p - origin).dot(columnDirection); }
};

struct Segment {
    Vec3 from, to;
};

// The line where `other` cuts `shown`, clipped to both slices' rectangles (pixel edges
// included); nothing when the planes are parallel or the rectangles do not meet.
std::optional<Segment> planeIntersection(const SlicePlane& shown, const SlicePlane& other);

// The slice of `geometry` whose plane is nearest to `position`, or nothing when the position
// lies more than half a slice beyond either end of the stack.
std::optional<int> nearestSlice(const StackGeometry& geometry, const Vec3& position);

// True when the two stacks' slice normals are within `degrees` of (anti)parallel.
bool parallelStacks(const StackGeometry& a, const StackGeometry& b, double degrees = 10);

} // namespace hf
