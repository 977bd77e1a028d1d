#pragma once
// Annotations in the local cache. Every write is one transaction holding the new revision and
// its outbox row, committed with synchronous=FULL: when a call returns, the annotation survives
// a kill -9 or a power cut. Revisions only grow; a deletion is a tombstone revision. Use from
// one thread at a time (like its CacheDatabase).
#include "hf/annotations/Annotation.h"

#include <optional>
#include <string>
#include <vector>

namespace hf {

class CacheDatabase;

class AnnotationStore {
public:
    explicit AnnotationStore(CacheDatabase& db);

    // Stores a new annotation as revision 1 (a fresh id when `a.id` is empty; an id that exists
    // is refused). Returns what was stored (id, revision, times).
    Annotation add(Annotation a);
    // Stores a new revision of an existing annotation (geometry, label, image reference).
    Annotation update(const Annotation& a);
    // Tombstone: a new revision with deleted set. Restoring makes another revision.
    Annotation remove(const std::string& id);
    Annotation restore(const std::string& id);

    std::optional<Annotation> find(const std::string& id) const;
    std::vector<Annotation> ofStudy(const std::string& studyUid, bool includeDeleted = false) const;
    std::vector<Annotation> ofSeries(const std::string& seriesUid, bool includeDeleted = false) const;
    std::vector<Annotation> all(bool includeDeleted = false) const;
    // Changes not yet confirmed by the PACS (the sync drains them).
    long long pendingChanges() const;
    bool hasPendingChange(const std::string& id) const;

    // The sync's side. An annotation as the PACS has it: stored with its own revision, marked
    // synced, no outbox row (it is already there).
    void storeFromPacs(const Annotation& a);
    // A local edit that conflicts with the PACS's revision `theirs`: a new revision above it
    // (so that ours is what the next push sends) that says why in its sync error.
    Annotation keepThroughConflict(const std::string& id, int theirs, const std::string& reason);
    // After a push of the study: its annotations without a change still waiting are synced (a
    // conflict note stays until the reader edits); or, when the push failed, the waiting ones
    // are failed with the reason.
    void markSynced(const std::string& studyUid);
    void markFailed(const std::string& studyUid, const std::string& reason);
    // A new sync node: everything is pending again (conflict notes stay).
    void markAllPending();
    std::vector<std::string> studies() const;

private:
    Annotation writeRevision(Annotation a, int revision, const std::string& syncError = {});
    std::vector<Annotation> query(const std::string& where, const std::string& value, bool includeDeleted) const;

    CacheDatabase& m_db;
};

} // namespace hf
