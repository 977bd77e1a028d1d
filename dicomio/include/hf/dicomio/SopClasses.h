#pragma once
// What a SOP Class UID names, for the instances that are no image to show as one: structured
// reports, presentation states, key object selections, segmentations, RT objects, waveforms,
// encapsulated documents. The cache keeps them beside the images; the strip shows their kind.
#include <string>

namespace hf {

struct SopClassInfo {
    std::string name;  // "Comprehensive 3D SR"; the UID itself when unknown
    std::string kind;  // short, for icons and lists: SR, KO, PR, SEG, RTSTRUCT, RTPLAN, RTRECORD, REG, WAVEFORM, DOC, RAW, OT; "" for images
};

// The known name and kind of a SOP class (kind empty for image storage classes and unknown ones).
SopClassInfo sopClassInfo(const std::string& sopClassUid);

// True when an instance of this class is an object to index beside the images rather than an image
// to stack: every known non-image class, and a segmentation (its frames are drawn over the images
// it references, not shown as a series of their own).
bool isNonImageClass(const std::string& sopClassUid);

// True for the image storage classes (CT, MR, CR, DX, MG, US, XA, NM, PET, SC, VL, RT Image...):
// an instance of one without its Image Pixel module is a broken image, not an object.
bool isImageStorageClass(const std::string& sopClassUid);

} // namespace hf
