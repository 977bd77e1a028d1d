#pragma once
// Where an RT structure set's contours meet one slice: a contour lying in the slice (within half
// a slice of its plane) is drawn whole; one crossing it (a view at an angle to the contours) is
// drawn as the segments where the slice cuts its inside. Patient space in and out. Any thread.
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/StructureSet.h"

#include <vector>

namespace hf {

struct StructureCut {
    int roiNumber = 0;
    enum class Shape { Closed, Open, Points } shape = Shape::Closed;
    std::vector<Vec3> points;  // Open: a polyline (a cut is two points)
};

// The cuts of every ROI's contours with the plane through `plane` along its normal;
// halfThickness: how far off the plane a contour may lie and still count as in it (mm).
std::vector<StructureCut> cutStructures(const StructureSet& set, const SlicePlane& plane, double halfThickness);

} // namespace hf
