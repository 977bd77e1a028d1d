#pragma once
// Groups scanned frames into patient > study > series > stacks, sorts each stack along its normal
// and measures its geometry, warning about gantry tilt, uneven spacing, gaps and duplicates.
// Pure function of its input; any thread.
#include "hf/dicomio/StudyTree.h"

namespace hf {

class StackBuilder {
public:
    // objects (ScanResult's) join their patient and study as ObjectSeries.
    StudyTree build(std::vector<FrameHeader> frames, std::vector<FrameHeader> objects = {}) const;

    // Sorts one stack's frames and fills its geometry and warnings. Exposed for tests.
    static void measure(Stack& stack);

private:
    StudyTree buildImages(std::vector<FrameHeader> frames) const;
};

} // namespace hf
