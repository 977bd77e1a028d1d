#pragma once
// A study's current annotations, tags, key images and note from the cache, with what the SR and
// GSPS need from the images (pixel positions, values, window). Internal to the sync.
#include "hf/dicomio/StudyAnnotationSet.h"

namespace hf {

class CacheDatabase;

// Throws CacheError when the study is not in the cache.
StudyAnnotationSet buildStudySnapshot(CacheDatabase& db, const std::string& studyUid);

} // namespace hf
