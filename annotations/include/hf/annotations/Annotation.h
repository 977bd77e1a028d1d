#pragma once
// One annotation as stored in the local cache: geometry in patient LPS mm, the image it was
// drawn on, a stable id kept across revisions, its author, and whether it is deleted (a
// tombstone: the sync sends deletions too). Value type, any thread.
#include "hf/annotations/AnnotationPlane.h"
#include "hf/dicomio/Vec3.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

// Sphere: a volume of interest in 3D (its centre, then a point on its surface), measured over
// every voxel inside it, drawn where it cuts a slice or an MPR plane. Path: a curve through
// patient space (a vessel's centreline, CurvedPath through its points), measured along itself
// and shown straightened by the curved reformat.
enum class AnnotationKind { Length, Angle, CobbAngle, Ellipse, Rectangle, Polygon, Freehand, Point, Arrow, Text, Sphere, Path };

const char* annotationKindName(AnnotationKind kind);  // "length", "cobb", ...
std::optional<AnnotationKind> annotationKindFromName(const std::string& name);
// How many points a kind takes: exact (length 2, angle 3, cobb 4, ellipse and rectangle 2 corners,
// point/text 1, arrow 2, sphere 2: centre and surface) or at least 3 for polygon and freehand,
// at least 2 for a path.
int requiredPoints(AnnotationKind kind);
bool variablePointCount(AnnotationKind kind);

struct Annotation {
    std::string id;  // UUID
    int revision = 0;
    std::string studyUid, seriesUid, sopInstanceUid;
    int frame = 1;  // 1-based frame within the SOP instance
    AnnotationKind kind = AnnotationKind::Length;
    std::vector<Vec3> points;  // LPS mm; ellipse/rectangle: two opposite corners of the box; sphere: centre, surface
    std::optional<AnnotationPlane> plane;  // set: drawn on a reformatted plane (the image is its nearest slice)
    std::string label;         // text of a text annotation or a user's label
    std::string author;
    std::string created, modified;  // ISO 8601 UTC
    bool deleted = false;
    std::string syncState = "pending";
    std::string syncError;
};

// "x,y,z;x,y,z" <-> points. Throws std::invalid_argument naming the bad part.
std::vector<Vec3> parsePoints(const std::string& text);
std::string formatPoints(const std::vector<Vec3>& points);
// A new random (version 4) UUID.
std::string newAnnotationId();
std::string utcNow();  // ISO 8601 with milliseconds, "Z"

} // namespace hf
