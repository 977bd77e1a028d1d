#pragma once
// DICOM Spatial Registration objects (PS3.3 A.39, rigid matrices only): how a registration is
// handed to other systems and found again on a PACS. The object lives in the Frame of Reference
// it registers to; each Registration Sequence item maps one frame's points into it with a 4x4
// matrix. Writing and reading; reading treats the file as hostile (ObjectFile's walk first).
// Any thread.
#include "hf/dicomio/RigidTransform.h"
#include "hf/dicomio/StudyAnnotationSet.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace hf {

inline constexpr const char* kSpatialRegistrationClass = "1.2.840.10008.5.1.4.1.1.66.1";

struct SpatialRegistration {
    std::string sopInstanceUid;
    std::string frameOfReferenceUid;  // the frame points are mapped into
    std::string description;          // Content Description ("registered (MI), ...")
    struct Item {
        std::string frameOfReferenceUid;  // the frame whose points this item maps
        std::array<double, 16> matrix{};  // row by row, into the object's frame
        std::string type;                 // RIGID, RIGID_SCALE, AFFINE
    };
    std::vector<Item> items;

    // The rigid transform from a point of `from` to the same anatomy in `to`, when the object
    // maps both (either may be its own frame) by rigid matrices; else nothing.
    std::optional<RigidTransform> transform(const std::string& from, const std::string& to) const;
};

// What the object written is about: the study it belongs to (the fixed, current one), the pair
// of frames and the transform taking fixed points to moving ones.
struct RegistrationToWrite {
    PatientIdentity patient;
    StudyIdentity study;
    ObjectInstance instance;
    std::string fixedFrame, movingFrame;
    RigidTransform fixedToMoving;
    std::string description;
};

// A new object (new series and instance UIDs, made now, by `author`) in the fixed series' study.
RegistrationToWrite newRegistrationObject(const SeriesContext& fixedSeries, const std::string& fixedFrame, const std::string& movingFrame,
                                          const RigidTransform& fixedToMoving, const std::string& description, const std::string& author);

// Throws std::runtime_error naming the path when it cannot be written.
void writeSpatialRegistration(const std::string& path, const RegistrationToWrite& registration);
// Throws std::runtime_error "PATH: reason" for a file that is not one, is malformed or holds
// matrices that are not numbers.
SpatialRegistration readSpatialRegistration(const std::string& path);

} // namespace hf
