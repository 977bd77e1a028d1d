#pragma once
// De-identified copies of original instances (PS3.15 Annex E, Basic Application Level
// Confidentiality Profile) with its options: Retain Longitudinal Temporal Information (full
// dates), Retain Patient Characteristics, Clean Descriptors. Names of persons, IDs, addresses,
// institution, device serials, comments and the other Table E.1-1 attributes are removed or
// emptied (type 2 attributes stay, empty), the patient gets a pseudonym, every UID that is not a
// standard one (SOP classes, transfer syntaxes) is replaced consistently within the export (the
// Deidentifier's map), private attributes, curves and overlay comments are removed, and Patient
// Identity Removed, De-identification Method and its Code Sequence record what was done.
//
// Burned In Annotation: an image marked YES, or a US, SC or OT image without the attribute, is
// refused unless rectangles are given to mask (applied to every frame of uncompressed pixel
// data; the result written Explicit VR Little Endian, lossless) or the reader accepts it as is.
// Any thread for one object; one per export.
#include "hf/dicomio/Deidentifier.h"

#include <string>
#include <vector>

namespace hf {

struct DeidentifyOptions {
    bool retainLongitudinalDates = false;       // 113106: dates and times kept
    bool retainPatientCharacteristics = false;  // 113108: sex, age, size, weight, ethnic group, smoking, pregnancy
    bool cleanDescriptors = false;              // 113105: descriptions kept, the patient's names and ID cut out of them
    bool acceptBurnedIn = false;                // the reader checked the pixels: export images with burned-in text as they are
    struct Rect {
        int x = 0, y = 0, width = 0, height = 0;  // pixels, from the top left
    };
    std::vector<Rect> masks;  // blacked out on every frame of images with burned-in text
};

struct DeidentifyOutcome {
    bool written = false;
    std::string file;    // the copy (named by its new SOP Instance UID)
    std::string reason;  // why not written, naming the source file
    bool masked = false;
};

class InstanceDeidentifier {
public:
    InstanceDeidentifier(DeidentifyOptions options, Deidentifier& uids);
    // Reads `source`, writes its de-identified copy into `folder`.
    DeidentifyOutcome write(const std::string& source, const std::string& folder);

private:
    DeidentifyOptions m_options;
    Deidentifier& m_uids;
};

} // namespace hf
