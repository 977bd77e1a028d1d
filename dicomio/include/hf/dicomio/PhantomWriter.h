#pragma once
// Writes a PhantomModel as a real DICOM series (one Part 10 file per slice) in any of the
// writable transfer syntaxes. Synchronous; any thread.
#include "hf/dicomio/PhantomModel.h"
#include "hf/dicomio/Progress.h"

#include <string>
#include <vector>

namespace hf {

struct PhantomIdentity {
    std::string studyUid, seriesUid, frameOfReferenceUid;
    std::string patientName, patientId;
};

class PhantomWriter {
public:
    explicit PhantomWriter(PhantomModel model);

    // Writes OUT/IM0001.dcm ... and returns the file paths; throws std::runtime_error naming the
    // file or option that failed.
    std::vector<std::string> write(const std::string& outDir, const ProgressSink& progress = {}) const;

    PhantomIdentity identity() const;
    std::string sopInstanceUid(int slice) const;

private:
    PhantomModel m_model;  // a copy: a writer made from a temporary model stays valid
};

// A UID under the 2.25 (UUID-derived) root, a pure function of seed and label.
std::string deterministicUid(unsigned seed, const std::string& label);

} // namespace hf
