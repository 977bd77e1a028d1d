#pragma once
// Builds a study's StudyFacts from the local cache: the index's series and the headers it kept
// (no file is read unless the index has no headers for it). Synchronous, any thread; one
// database connection of its own.
#include "StudyFacts.h"

#include <optional>
#include <string>

namespace hf {
class CacheDatabase;
}

namespace hf::protocols {

// Nothing when the cache does not hold the study.
std::optional<StudyFacts> readStudyFacts(CacheDatabase& db, const std::string& studyUid);

} // namespace hf::protocols
