#pragma once
// Patient > study > series > stack, as built from scanned FrameHeaders. Plain values, any thread.
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/StackGeometry.h"
#include "hf/dicomio/StudyModel.h"

#include <string>
#include <vector>

namespace hf {

// Frames that share one volume: same size, orientation, spacing and temporal position,
// sorted along the slice normal (or by frame/instance number when there is no position).
struct Stack {
    std::vector<FrameHeader> slices;
    StackGeometry geometry;
    std::vector<std::string> warnings;
    bool hasPositions = true;
    bool gantryTilted = false;
    bool unevenSpacing = false;
};

struct Series : SeriesIdentity {
    std::vector<Stack> stacks;
};

struct Study : StudyIdentity {
    std::vector<Series> series;
};

struct Patient : PatientIdentity {
    std::vector<Study> studies;
};

struct StudyTree {
    std::vector<Patient> patients;

    // Convenience for callers that open "the first series": nullptr when there is none.
    const Stack* firstStack() const;
};

} // namespace hf
