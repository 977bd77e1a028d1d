#pragma once
// Two-way sync of a local cache's annotations, tags, key images and notes with one PACS.
//
// Push drains the outbox study by study: a batch takes the study's pending changes, writes the
// study's current state as an SR (TID 1500; every annotation, tombstones, tags, key images,
// note), a GSPS (graphics for other viewers) and a KOS (key images), and sends them. The batch
// and its SOP Instance UIDs are stored before anything is sent and the outbox rows are only
// cleared once the PACS confirmed every object, so a crash, a dead node or a lost answer leads
// to the same instances being sent again later (never to new copies), and a confirmed change
// is never sent again. A failed batch waits (5 s, doubling up to 5 min) before the next try.
// Switching to another node queues everything once more, so the new node gets the lot.
//
// Pull reads the study's objects on the PACS: other producers' (and our GSPS and KOS) are indexed
// into the cache beside the images; our SRs are merged by annotation id and revision:
// a higher revision wins over a synced local copy, a deletion wins over an older edit, and a
// true conflict (both sides changed since the last sync) keeps both: the remote version comes
// in as a copy and the local one is flagged with the reason.
//
// Blocking; run it off the GUI thread, with its own CacheDatabase connection.
#include <ctime>
#include <string>
#include <vector>

namespace hf {

class CacheDatabase;
class SyncTransport;

struct SyncReport {
    int pushedObjects = 0;   // SOP instances the PACS confirmed
    int pushedChanges = 0;   // outbox changes those carried
    int pulled = 0;          // local annotations, tags, key images or notes changed by the pull
    int pulledObjects = 0;   // other producers' objects (SR, SEG, RTSTRUCT...) new in the cache
    int skippedSeries = 0;   // object series not fetched again: the cache holds them whole
    int conflicts = 0;
    int failed = 0;          // batches or reports that failed
    std::vector<std::string> errors;
};

class SyncEngine {
public:
    // `workFolder` holds the written objects until they are confirmed; `author` names the
    // observer in the objects.
    SyncEngine(CacheDatabase& db, SyncTransport& transport, std::string workFolder, std::string author);

    // Every study with pending changes; batches waiting for their backoff are skipped unless
    // `ignoreBackoff`. `now` is Unix time (a parameter so that tests can move the clock).
    SyncReport push(bool ignoreBackoff, std::time_t now);
    SyncReport pull(const std::string& studyUid);
    // Pull each study first (so that a concurrent edit is seen as a conflict before ours is
    // sent over it), then push everything pending.
    SyncReport sync(const std::vector<std::string>& studies, bool ignoreBackoff, std::time_t now);
    // Studies that have annotations, tags, key images or a note locally, or pending changes.
    std::vector<std::string> studiesWithAnnotations() const;
    // What a sync of every study pulls: those, and every study retrieved from this node.
    std::vector<std::string> studiesToPull() const;
    long long pendingChanges() const;

private:
    // Records the transport's node; when it differs from the one the cache last synced with,
    // queues every study's current state once for the new node.
    void followNode();
    void pushStudy(const std::string& studyUid, bool ignoreBackoff, std::time_t now, SyncReport& report);

    CacheDatabase& m_db;
    SyncTransport& m_transport;
    std::string m_workFolder, m_author;
};

} // namespace hf
