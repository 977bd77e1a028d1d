#pragma once
// How many instances of a series the local cache holds (present files only): what retrieval and
// the sync compare with a node's count to leave out series that are already here. Any thread
// that owns the database connection.
#include <string>

namespace hf {

class CacheDatabase;

int instancesInCache(CacheDatabase& db, const std::string& seriesUid);

} // namespace hf
