#pragma once
// What a view plane (a 2D slice, an MPR plane) shows of an annotation: the whole shape when the
// annotation lies in the plane (within `halfThickness`), a sphere's cut circle, or where its
// outline crosses the plane (a length on an oblique plane seen in an axial slice: a point; an
// ellipse: a chord). Pure geometry, any thread.
#include "hf/viewer/AnnotationCanvas.h"

namespace hf {

// `onItsSlice`: the view shows the very image the annotation was drawn on. `imageRow` and
// `imageColumn`: the acquired images' axes, which an ellipse or rectangle drawn on one of them
// runs along (one drawn on a reformatted plane has its plane's).
std::optional<DrawnAnnotation> annotationOnPlane(const Annotation& annotation, const std::vector<Vec3>& points, const SlicePlane& plane,
                                                 double halfThickness, bool onItsSlice, const Vec3& imageRow = {1, 0, 0},
                                                 const Vec3& imageColumn = {0, 1, 0});

} // namespace hf
