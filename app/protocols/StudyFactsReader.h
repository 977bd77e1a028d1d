#pragma once
// Builds a study's StudyFacts from the local cache: the index's series and the headers it kept
// (no file is read unless the index has no headers for it). Synchronous, any thread; one
// database connection of its own.
#include "StudyFacts.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {
class CacheDatabase;
}

namespace hf::protocols {

// Nothing when the cache does not hold the study. Its prior: `priorUid` when given and the cache
// holds it (a study of the same patient), else the default one (findPriors' first).
std::optional<StudyFacts> readStudyFacts(CacheDatabase& db, const std::string& studyUid, const std::string& priorUid = {});

// One of the patient's earlier studies in the cache, as a prior of another.
struct PriorStudy {
    StudyIdentity study;
    std::string modalities;     // "CT\\SR" as the index keeps them
    std::vector<std::string> bodyParts;
    long long images = 0;
    int relevance = 0;          // 2: same modality and body part, 1: same modality, 0: other
    std::string why;            // "same modality and body part", ...
    bool inCache = true, onNode = false;  // where it is
};
// Issuer of Patient ID (0010,0021) of a cached study, from the headers the index kept ("" when
// its images do not say).
std::string issuerOfPatientId(CacheDatabase& db, const std::string& studyUid);

// A study of the patient as a PACS node answered (findPatientStudies), for findPriors.
struct RemoteStudy {
    std::string patientId;
    StudyIdentity study;
    std::string modalities;  // Modalities in Study, "CT\\SR"
    std::vector<std::string> bodyParts;
    long long images = 0;
};
// The patient's studies before `studyUid` (by date and time), in the cache and among `onNode`
// (the node's answer; a study in both is one prior), most relevant first, the most recent first
// within the same relevance: the first is the default prior. Empty when none, or when the cache
// does not hold `studyUid`.
std::vector<PriorStudy> findPriors(CacheDatabase& db, const std::string& studyUid, const std::vector<RemoteStudy>& onNode = {});

} // namespace hf::protocols
