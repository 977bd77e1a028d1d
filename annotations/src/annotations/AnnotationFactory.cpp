#include "hf/annotations/AnnotationFactory.h"

#include "hf/annotations/PlaneSampling.h"
#include "hf/dicomio/CurvedPath.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hf {

namespace {

void checkPointCount(AnnotationKind kind, const std::vector<Vec3>& points, const std::string& label)
{
    const size_t need = size_t(requiredPoints(kind));
    if (variablePointCount(kind) ? points.size() < need : points.size() != need)
        throw std::invalid_argument(std::string("a ") + annotationKindName(kind) + " takes " + (variablePointCount(kind) ? "at least " : "") +
                                    std::to_string(need) + " points, not " + std::to_string(points.size()));
    if (kind == AnnotationKind::Text && label.empty())
        throw std::invalid_argument("a text annotation needs its text");
}

void recordImage(Annotation& a, const Volume& volume, int slice)
{
    if (size_t(slice) < volume.sliceSopInstanceUids.size()) {
        a.sopInstanceUid = volume.sliceSopInstanceUids[size_t(slice)];
        a.frame = size_t(slice) < volume.sliceFrames.size() ? volume.sliceFrames[size_t(slice)] : 1;
    }
}

bool insideVolume(const Volume& volume, const Vec3& p)
{
    const StackGeometry& g = volume.geometry();
    const Vec3 index = g.toIndex(p);
    return index.x >= -0.5 && index.y >= -0.5 && index.z >= -0.5 && index.x <= g.columns - 0.5 && index.y <= g.rows - 0.5 &&
           index.z <= g.slices - 0.5;
}

int sliceOf(const Volume& volume, const Vec3& p)
{
    return std::clamp(int(std::lround(volume.geometry().toIndex(p).z)), 0, std::max(0, volume.geometry().slices - 1));
}

// An annotation not on one acquired image (a path, one on a reformatted plane): its image is
// the slice nearest its first point.
Annotation annotationThrough(AnnotationKind kind, std::vector<Vec3> points, std::optional<AnnotationPlane> plane, std::string label,
                             std::string author, const Volume& volume, std::string studyUid, std::string seriesUid)
{
    Annotation a;
    a.kind = kind;
    a.points = std::move(points);
    a.plane = std::move(plane);
    a.label = std::move(label);
    a.author = std::move(author);
    a.studyUid = std::move(studyUid);
    a.seriesUid = std::move(seriesUid);
    recordImage(a, volume, sliceOf(volume, a.points.front()));
    return a;
}

// A path runs through the volume, across slices: every point inside it, a curve with a length.
Annotation makePath(std::vector<Vec3> points, std::string label, std::string author, const Volume& volume, std::string studyUid,
                    std::string seriesUid)
{
    for (size_t n = 0; n < points.size(); ++n)
        if (!insideVolume(volume, points[n]))
            throw std::invalid_argument("path point " + std::to_string(n + 1) + " is outside the series' volume");
    const CurvedPath curve(points);  // refuses coincident points
    return annotationThrough(AnnotationKind::Path, std::move(points), std::nullopt, std::move(label), std::move(author), volume,
                             std::move(studyUid), std::move(seriesUid));
}

} // namespace

Annotation makeAnnotation(AnnotationKind kind, std::vector<Vec3> points, std::string label, std::string author, const Volume& volume,
                          std::string studyUid, std::string seriesUid)
{
    checkPointCount(kind, points, label);
    if (kind == AnnotationKind::Path)
        return makePath(std::move(points), std::move(label), std::move(author), volume, std::move(studyUid), std::move(seriesUid));
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
    recordImage(a, volume, *slice);
    return a;
}

Annotation makeAnnotationOnPlane(AnnotationKind kind, std::vector<Vec3> points, const AnnotationPlane& plane, std::string label,
                                 std::string author, const Volume& volume, std::string studyUid, std::string seriesUid)
{
    checkPointCount(kind, points, label);
    const double tolerance = 0.5 * planeSampleSpacing(volume) + 1e-6;
    for (size_t n = 0; n < points.size(); ++n)
        if (const double off = std::abs((points[n] - plane.origin).dot(plane.normal())); !(off <= tolerance))
            throw std::invalid_argument("point " + std::to_string(n + 1) + " is " + std::to_string(off) + " mm off the plane");
    if (kind == AnnotationKind::Path)
        throw std::invalid_argument("a path runs through the volume: it is drawn without a plane");
    if (!insideVolume(volume, points.front()))
        throw std::invalid_argument("the first point is outside the series' volume");
    return annotationThrough(kind, std::move(points), plane, std::move(label), std::move(author), volume, std::move(studyUid),
                             std::move(seriesUid));
}

} // namespace hf
