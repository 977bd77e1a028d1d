#pragma once
// A series opened while it arrives: the instances the archive listed (an instance-level query)
// that are not here yet become stand-in frames at their own positions, so the stack has its
// whole length and geometry from the first image on and the slices still to come are drawn as
// such. Pure function; any thread.
#include "hf/dicomio/FrameHeader.h"

#include <string>
#include <vector>

namespace hf {

// One instance of a series as an archive lists it (C-FIND IMAGE level, QIDO-RS instances).
struct ExpectedInstance {
    std::string sopInstanceUid;
    int instanceNumber = 0;
    bool hasPosition = false;
    Vec3 position;  // Image Position (Patient)
    bool hasOrientation = false;
    Vec3 rowDirection, columnDirection;  // Image Orientation (Patient)
};

// Stand-ins (FrameHeader::toCome) for the `expected` instances of `seriesUid` that `arrived`
// lacks, each a copy of an arrived image of the series (size, pixel format, orientation, what
// tells its stack apart) at the expected position. None - the view then shows only what is
// here - when nothing of the series has arrived, when the archive gave no position for one,
// when positions repeat (several stacks at the same places: which one a stand-in belongs to is
// unknown), when an orientation differs from the arrived image's, or for multi-frame images.
std::vector<FrameHeader> arrivalPlaceholders(const std::vector<FrameHeader>& arrived, const std::string& seriesUid,
                                             const std::vector<ExpectedInstance>& expected);

} // namespace hf
