#pragma once
// Gathers what an export draws from out of the local cache: the series' annotations measured on
// its volume, the study's key images (as slices of this volume), tags and note. The CLI and the
// GUI's export both use it. Any thread (with its own database connection).
#include "ExportInput.h"

namespace hf {
class CacheDatabase;
}

namespace hf::exporting {

ExportInput collectFromCache(CacheDatabase& db, std::shared_ptr<const Volume> volume, const StudyDescription& study);

} // namespace hf::exporting
