#pragma once
// Measuring an annotation drawn on a reformatted plane (Annotation::plane): distances and
// angles in the plane in patient millimetres, regions over the plane's samples one voxel apart
// (the volume resampled there, a slab's MIP/MinIP/average values). Internal to measure().
#include "hf/annotations/Measurement.h"

namespace hf {

Measurement measureOnPlane(const Annotation& annotation, const Volume& volume);

} // namespace hf
