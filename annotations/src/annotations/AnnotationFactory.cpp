#include "hf/annotations/AnnotationFactory.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"

#include <stdexcept>

namespace hf {

Annotation makeAnnotation(AnnotationKind kind, std::vector<Vec3> points, std::string label, std::string author, const Volume& volume,
                          std::string studyUid, std::string seriesUid)
{
    const size_t need = size_t(requiredPoints(kind));
    if (variablePointCount(kind) ? points.size() < need : points.size() != need)
        throw std::invalid_argument(std::string("a ") + annotationKindName(kind) + " takes " + (variablePointCount(kind) ? "at least " : "") +
                                    std::to_string(need) + " points, not " + std::to_string(points.size()));
    if (kind == AnnotationKind::Text && label.empty())
        throw std::invalid_argument("a text annotation needs its text");
    const auto slice = nearestSlice(volume.geometry(), points.front());
    if (!slice)
        throw std::invalid_argument("the first point is not on any slice of the series");
    // Every point on that slice's plane, within half a slice spacing: one image, one annotation.
    const SlicePlane plane = SlicePlane::of(volume.geometry(), *slice);
    const double tolerance = std::max(0.5 * volume.geometry().sliceSpacing, 1e-3);
    for (const Vec3& p : points)
        if (std::abs((p - plane.origin).dot(plane.normal)) > tolerance)
            throw std::invalid_argument("the points are not all on one slice (image " + std::to_string(*slice + 1) + ")");
    Annotation a;
    a.kind = kind;
    a.points = std::move(points);
    a.label = std::move(label);
    a.author = std::move(author);
    a.studyUid = std::move(studyUid);
    a.seriesUid = std::move(seriesUid);
    if (size_t(*slice) < volume.sliceSopInstanceUids.size()) {
        a.sopInstanceUid = volume.sliceSopInstanceUids[size_t(*slice)];
        a.frame = size_t(*slice) < volume.sliceFrames.size() ? volume.sliceFrames[size_t(*slice)] : 1;
    }
    return a;
}

} // namespace hf
