#pragma once
// Who and what an image belongs to: one value type per level, used from dicomio upward (the
// tree a scan builds, the cache, a view's corner text, exports, the objects we write). The edges
// convert into them: DICOM tags (FrameHeader), SQL rows (StudyIndex), C-FIND and QIDO-RS
// answers (RemoteRecord). Plain values, any thread.
#include <string>

namespace hf {

struct PatientIdentity {
    std::string name;  // as stored (PN, components separated by ^)
    std::string id, birthDate, sex;
};

struct StudyIdentity {
    std::string uid, date, time, description, accessionNumber;
    std::string studyId, referringPhysician;  // absent (empty) where the source has none
};

struct SeriesIdentity {
    std::string uid, modality, description;
    int number = 0;
};

// The three together: what is said about one series wherever it is shown or written.
struct SeriesContext {
    PatientIdentity patient;
    StudyIdentity study;
    SeriesIdentity series;
};

// "DOE^JANE" as a reader sees it: "DOE JANE".
std::string displayName(const PatientIdentity& patient);

} // namespace hf
