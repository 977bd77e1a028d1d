#pragma once
// Makes a new annotation from points in patient space on a loaded series: checks the number of
// points for the kind, finds the slice they lie on and records its SOP instance and frame. The
// GUI's drawing tools and `hounsfield-cli annotate` both come through here. Any thread.
#include "hf/annotations/Annotation.h"

#include <string>
#include <vector>

namespace hf {

class Volume;

// Throws std::invalid_argument with a reason a user can act on (wrong point count, points off
// every slice of the series).
Annotation makeAnnotation(AnnotationKind kind, std::vector<Vec3> points, std::string label, std::string author,
                          const Volume& volume, std::string studyUid, std::string seriesUid);

// The same on a reformatted plane (MPR, oblique, slab): every point within half a voxel of the
// plane, the first inside the volume; the image recorded is the slice nearest the first point
// (what other viewers are pointed to). Throws std::invalid_argument likewise.
Annotation makeAnnotationOnPlane(AnnotationKind kind, std::vector<Vec3> points, const AnnotationPlane& plane, std::string label,
                                 std::string author, const Volume& volume, std::string studyUid, std::string seriesUid);

} // namespace hf
