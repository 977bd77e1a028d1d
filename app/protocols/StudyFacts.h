#pragma once
// What hanging protocols see of a study: each stack of each series with what rules match on,
// and the patient's most recent earlier study. Plain values, any thread.
#include "hf/dicomio/StudyModel.h"

#include <string>
#include <vector>

namespace hf::protocols {

struct StackFacts {
    SeriesIdentity series;
    int stackIndex = 0, stackCount = 1;
    std::string stackLabel;
    int images = 0;
    std::string orientation;  // axial, coronal, sagittal, oblique or projection
    std::string bodyPart, contrastAgent, laterality, viewPosition;
    // Projections: which edge of the stored image the chest wall is at ("left", "right", "" unknown).
    std::string chestWallSide;
};

struct StudyFacts {
    PatientIdentity patient;
    StudyIdentity study;
    std::vector<StackFacts> stacks;  // in series number order, stacks in series order
    std::vector<StudyFacts> priors;  // the most recent earlier study first (at most one kept)
    int imageCount() const;
};

// "axial", "coronal", "sagittal" or "oblique" for an image plane's normal (LPS).
std::string planeName(double nx, double ny, double nz);
// Which edge of a projection the chest wall (posterior) is at, from Patient Orientation's
// first value (the direction of increasing column): "P" -> "right", "A" -> "left".
std::string chestWallSide(const std::string& patientOrientation);

} // namespace hf::protocols
