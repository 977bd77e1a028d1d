#pragma once
// The outbox (schema/002, 003): the changes waiting to reach the PACS, one row per change with
// its study, object (annotation, tag, key_image, note), the object's id and revision. Writers
// append inside their own transaction; the sync reads and drains it. The one owner of the table.
// Uses the caller's connection (one thread at a time).
#include <optional>
#include <string>
#include <vector>

namespace hf {

class CacheDatabase;

class Outbox {
public:
    explicit Outbox(CacheDatabase& db);

    void append(const std::string& studyUid, const char* object, const std::string& objectId, int revision);
    bool has(const char* object, const std::string& objectId) const;
    long long count() const;
    std::vector<std::string> studies() const;
    // The newest row of a study (what a new batch takes up to); nothing when it has none.
    std::optional<long long> lastSequence(const std::string& studyUid) const;
    // Rows of a study up to `sequence` (inclusive): counted, and dropped once the PACS has them.
    int countUpTo(const std::string& studyUid, long long sequence) const;
    void dropUpTo(const std::string& studyUid, long long sequence);
    // Every annotation, tag, key image and note once (unless already queued): a new sync node
    // gets them all.
    void queueEverything();

private:
    CacheDatabase& m_db;
};

} // namespace hf
