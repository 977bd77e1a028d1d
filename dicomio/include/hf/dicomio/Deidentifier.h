#pragma once
// De-identification of what Hounsfield exports, after the DICOM PS3.15 Annex E Basic
// Application Level Confidentiality Profile: names, IDs, dates, times, accession, institution
// and physicians are removed or replaced with dummies, and every UID is replaced by a new one,
// consistently within one export (the same source UID always maps to the same new UID, a new
// export maps it to a different one). Any thread for a given object.
#include "hf/dicomio/SecondaryCapture.h"

#include <cstdint>
#include <map>
#include <string>

namespace hf {

class Deidentifier {
public:
    Deidentifier();  // a fresh random key: one per export

    CaptureIdentity apply(const CaptureIdentity& identity);
    std::string uid(const std::string& original);
    static const char* method();

private:
    std::uint64_t m_key[2];
    std::map<std::string, std::string> m_uids;
};

} // namespace hf
