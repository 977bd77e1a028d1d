#pragma once
// A study's annotations, tags, key images and note as they travel to and from the PACS: plain
// values, no database, no Qt. The sync (annotations/) fills it from the cache; the writers in
// MeasurementReport.h, PresentationState.h and KeyObjectSelection.h turn it into standard DICOM
// objects, and readMeasurementReport turns our SR back into it. Value types, any thread.
#include "hf/dicomio/Vec3.h"

#include <array>
#include "hf/dicomio/StudyModel.h"

#include <string>
#include <vector>

namespace hf {

// One image (frame) an annotation or key image refers to, with what other viewers need to show it.
struct ImageReference {
    std::string seriesUid, sopClassUid, sopInstanceUid;
    int frame = 1;           // 1-based
    int frameCount = 1;      // frames in the SOP instance (Referenced Frame Number only for multi-frame)
    int rows = 0, columns = 0;
    std::string photometric = "MONOCHROME2";
    bool hasRescale = false;
    double rescaleSlope = 1, rescaleIntercept = 0;
    std::string rescaleType;  // "HU" for CT
    double windowCenter = 0, windowWidth = 0;  // the window the reader used (GSPS); 0 width: none
};

struct AnnotationValue {
    std::string name;  // length, angle, area, mean, sd, min, max, pixels, value
    double value = 0;
    std::string unit;  // mm, mm2, px, px2, deg, HU, ""
};

struct AnnotationRecord {
    std::string id;  // UUID, kept across revisions (the SR's Tracking Unique Identifier, as 2.25.<UUID>)
    int revision = 1;
    std::string kind;  // length, angle, cobb, ellipse, rectangle, polygon, freehand, point, arrow, text
    std::string label, author, created, modified;
    bool deleted = false;  // a tombstone: travels in the SR's withdrawn list, not as a measurement
    ImageReference image;
    std::string frameOfReferenceUid;
    std::vector<Vec3> points;                     // LPS mm (ellipse/rectangle: opposite box corners)
    std::vector<std::array<double, 2>> pixels;    // the same points as column,row on the image, (0,0) the
                                                  // top left corner of the top left pixel (SCOORD/GSPS)
    Vec3 rowDirection{1, 0, 0}, columnDirection{0, 1, 0};  // the image plane's axes (LPS), for ellipses
    std::vector<AnnotationValue> values;
    std::string calibration;  // "Pixel Spacing", "Imager Pixel Spacing", "none", "patient space, 0.49 mm voxels"
    // Drawn on a reformatted plane (MPR, oblique): "ox,oy,oz;rx,ry,rz;cx,cy,cz" and its slab
    // ("mip 10"); such an annotation has no region on an image (SCOORD3D only, no GSPS graphic).
    std::string plane, slab;
};

struct TagRecord {
    std::string seriesUid, word;  // seriesUid empty: a study tag
    int revision = 1;
    bool deleted = false;
};

struct KeyImageRecord {
    ImageReference image;
    int revision = 1;
    bool deleted = false;
};

// Which SOP instance a written object becomes and what it replaces.
struct ObjectInstance {
    std::string seriesUid, sopInstanceUid;
    int seriesNumber = 0, instanceNumber = 1;
    std::string contentDateTime;  // YYYYMMDDHHMMSS
    std::string predecessorSeriesUid, predecessorSopInstanceUid;  // the previous revision, if any
    std::string author;  // the observer (person) who made it
};

struct StudyAnnotationSet {
    PatientIdentity patient;
    StudyIdentity study;
    std::vector<AnnotationRecord> annotations;
    std::vector<TagRecord> tags;
    std::vector<KeyImageRecord> keyImages;
    std::string note;
    int noteRevision = 0;  // 0: no note was ever written
};

// "2.25.<decimal>" for a UUID ("xxxxxxxx-xxxx-...") and back; empty when the text is not one.
std::string uidFromUuid(const std::string& uuid);
std::string uuidFromUid(const std::string& uid);
// A UID under 2.25 that is always the same for the same seed (e.g. our SR series of a study).
std::string derivedUid(const std::string& seed);

} // namespace hf
