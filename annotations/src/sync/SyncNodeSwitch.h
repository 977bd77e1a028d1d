#pragma once
// The node the cache's sync state refers to (table sync_node). A switch to another node queues
// every study's annotations, tags, key images and note once more and drops the batches the old
// node never confirmed, so that the new node gets everything, once (docs/sync.md).
#include <string>
#include <vector>

namespace hf {

class CacheDatabase;

// Records `identity` (AET@HOST:PORT or a base URL) as the sync node. Returns the ids of the
// batches a switch dropped, whose written files can go.
std::vector<long long> followSyncNode(CacheDatabase& db, const std::string& identity);

} // namespace hf
