#pragma once
// A structured report from any producer, as a reader reads it: its content tree (each item's
// relationship, value type, concept and value in words), and its TID 1500 measurement groups
// with their values and the region each was measured on (SCOORD on an image, or SCOORD3D in
// patient space). Any template is read as a tree; measurement groups are found wherever a
// "Measurement Group" container is. Any thread.
#include "hf/dicomio/Vec3.h"

#include <string>
#include <vector>

namespace hf {

struct SrItem {
    std::string relationship;  // CONTAINS, HAS OBS CONTEXT, ...
    std::string valueType;     // CONTAINER, TEXT, CODE, NUM, SCOORD, SCOORD3D, IMAGE, ...
    std::string concept;       // the concept name's meaning ("Finding")
    std::string value;         // in words ("Spinal cord", "-119.07 [hnsf'U]", "CIRCLE, 2 points")
    std::vector<SrItem> children;
};

// The region a measurement group was measured on.
struct SrRegion {
    std::string graphicType;        // POINT, MULTIPOINT, POLYLINE, POLYGON, CIRCLE, ELLIPSE, ELLIPSOID
    bool patientSpace = false;      // SCOORD3D: points are patient LPS mm
    std::vector<Vec3> points;       // SCOORD: (column, row, 0) in image pixels, (0,0) the top-left pixel's corner
    std::string sopInstanceUid;     // SCOORD: the image; SCOORD3D: empty
    int frame = 0;                  // SCOORD on a multi-frame image: 1-based; 0 when none given
    std::string frameOfReferenceUid;  // SCOORD3D
};

struct SrMeasurementGroup {
    std::string trackingId, finding, findingSite;
    std::vector<std::string> values;  // "Intensity Histogram Mean: -119.07 [hnsf'U]"
    std::vector<SrRegion> regions;
};

struct SrDocument {
    std::string path, sopInstanceUid, sopClassUid, seriesUid, studyUid;
    std::string title;  // the root concept ("Imaging Measurement Report")
    std::string manufacturer, contentDate, completion, verification;
    std::vector<SrItem> content;  // the root's children
    std::vector<SrMeasurementGroup> groups;
};

// Throws std::runtime_error "PATH: reason" for a file that is not a readable SR.
SrDocument readSrDocument(const std::string& path);

} // namespace hf
