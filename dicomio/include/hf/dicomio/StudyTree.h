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
// One value that tells a stack apart from the others of its series ("echo_time" 10.0,
// "image_type" "P", ...).
struct StackDistinction {
    std::string key;  // echo_time, b_value, temporal_position, trigger_time, image_type, acquisition_number, orientation, localizer, part
    std::string text;  // as a reader reads it: "TE 10.0 ms", "b 1000", "phase"
    double number = 0;
    bool numeric = false;
};

struct Stack {
    std::vector<FrameHeader> slices;
    // When the series has several stacks: what tells this one apart ("TE 10.0 ms, phase"), and
    // the values behind it. Empty for a series of one stack.
    std::string label;
    std::vector<StackDistinction> distinctions;
    StackGeometry geometry;
    std::vector<std::string> warnings;
    bool hasPositions = true;
    bool gantryTilted = false;
    bool unevenSpacing = false;
};

struct Series : SeriesIdentity {
    std::vector<Stack> stacks;
};

// A series of instances with no image to stack (SR, PR, KO, SEG, RT objects...; see
// SopClasses.h): listed beside the image series, never stacked.
struct ObjectSeries : SeriesIdentity {
    std::string sopClassUid;              // of its first instance
    std::vector<FrameHeader> instances;   // identity fields only, by instance number
};

struct Study : StudyIdentity {
    std::vector<Series> series;
    std::vector<ObjectSeries> objects;
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
