#pragma once
// The sync's own tables (schema/003, 005): batches (one push of a study's pending changes),
// their objects with the SOP Instance UIDs chosen before anything is sent, and the node the
// sync state refers to. The one owner of sync_batches, sync_objects and sync_node. Uses the
// caller's connection (one thread at a time).
#include <ctime>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hf {

class CacheDatabase;

struct SyncBatch {
    long long id = 0;
    long long lastSequence = 0;  // the study's outbox rows up to this one are in the batch
    int instanceNumber = 1;
    std::string contentDateTime;  // YYYYMMDDHHMMSS
    std::time_t nextAttempt = 0;
};

struct SyncObject {
    std::string kind, seriesUid, sopUid, path;  // kind: SR, PR or KO
    bool confirmed = false;
};

class SyncBatches {
public:
    explicit SyncBatches(CacheDatabase& db);

    // The study's batch not yet confirmed, if any.
    std::optional<SyncBatch> open(const std::string& studyUid) const;
    // A new open batch taking the study's outbox rows up to `lastSequence`.
    SyncBatch create(const std::string& studyUid, long long lastSequence, const std::string& contentDateTime);
    std::vector<std::string> studiesWithOpenBatches() const;
    std::vector<SyncObject> objects(long long batch) const;
    void record(long long batch, const std::vector<SyncObject>& objects);
    void confirm(long long batch, const std::string& kind);
    // A failed try: the next waits 5 s, doubling to 5 min. Returns that wait.
    std::time_t failed(long long batch, std::time_t now, const std::string& error);
    void done(long long batch);
    // The SR of the study's newest confirmed batch (series and SOP Instance UID): what a new SR
    // names as its predecessor.
    std::optional<std::pair<std::string, std::string>> lastConfirmedReport(const std::string& studyUid) const;
    // Drops the open batches (made for a node the sync no longer uses); returns their ids.
    std::vector<long long> dropOpen();

    std::optional<std::string> node() const;
    void rememberNode(const std::string& identity);

private:
    CacheDatabase& m_db;
};

} // namespace hf
