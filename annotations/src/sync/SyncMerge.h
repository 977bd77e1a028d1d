#pragma once
// Merges what the PACS holds (our SRs of a study, newest revision per item) into the cache.
// Internal to the sync; the rules are in SyncEngine.h.
#include "hf/dicomio/StudyAnnotationSet.h"

#include <vector>

namespace hf {

class CacheDatabase;

struct MergeCounts {
    int changed = 0, conflicts = 0;
};

MergeCounts mergeFromPacs(CacheDatabase& db, const std::string& studyUid, const std::vector<StudyAnnotationSet>& reports);

} // namespace hf
