#pragma once
// Imports files, folders and DICOMDIRs into the local cache: one scan in child processes hands
// over runs of files as they are read, and a writer thread indexes them in batches into SQLite
// meanwhile, so the index costs little beyond the scan, and a caller sees each batch land (the
// study list fills as it goes).
// Synchronous; the indexing thread lives only inside import(). Use from one thread.
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"

#include <functional>

namespace hf {

class CacheDatabase;
class CacheFileStore;

struct ImportResult {
    ScanResult scan;   // every frame and error found, for the caller to open or report
    IndexCounts added;
};

class CacheImporter {
public:
    // store: copy mode (files copied into the cache folder) when not null.
    CacheImporter(CacheDatabase& db, const CacheFileStore* store = nullptr, size_t batchSize = 1024);

    // Called after each batch is written, with what it added, on the importer's writing thread.
    using BatchDone = std::function<void(const IndexCounts& added)>;
    ImportResult import(const std::vector<std::string>& paths, const ProgressSink& progress = {}, const BatchDone& onBatch = {});
    // Copy mode moves the files into the store instead (they were made for the cache).
    void moveIntoStore(bool move) { m_move = move; }

private:
    CacheDatabase& m_db;
    const CacheFileStore* m_store;
    bool m_move = false;
    size_t m_batchSize;
};

} // namespace hf
