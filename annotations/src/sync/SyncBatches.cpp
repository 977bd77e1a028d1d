#include "SyncBatches.h"

#include "Statement.h"

#include <algorithm>

namespace hf {

SyncBatches::SyncBatches(CacheDatabase& db)
    : m_db(db)
{
}

std::optional<SyncBatch> SyncBatches::open(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT id, last_seq, instance_number, content_datetime, next_attempt FROM sync_batches "
                      "WHERE study_uid = ? AND state = 'open' ORDER BY id LIMIT 1");
    s.bind(1, studyUid);
    if (!s.step())
        return std::nullopt;
    return SyncBatch{s.integer(0), s.integer(1), int(s.integer(2)), s.text(3), std::time_t(s.integer(4))};
}

SyncBatch SyncBatches::create(const std::string& studyUid, long long lastSequence, const std::string& contentDateTime)
{
    SyncBatch b;
    b.lastSequence = lastSequence;
    Statement count(m_db, "SELECT COUNT(*) FROM sync_batches WHERE study_uid = ?");
    count.bind(1, studyUid);
    count.step();
    b.instanceNumber = int(count.integer(0)) + 1;
    b.contentDateTime = contentDateTime;
    Statement insert(m_db, "INSERT INTO sync_batches (study_uid, last_seq, instance_number, content_datetime) VALUES (?,?,?,?)");
    insert.bind(1, studyUid).bind(2, std::int64_t(b.lastSequence)).bind(3, b.instanceNumber).bind(4, b.contentDateTime);
    insert.step();
    b.id = sqlite3_last_insert_rowid(m_db.handle());
    return b;
}

std::vector<std::string> SyncBatches::studiesWithOpenBatches() const
{
    std::vector<std::string> studies;
    Statement s(m_db, "SELECT DISTINCT study_uid FROM sync_batches WHERE state = 'open'");
    while (s.step())
        studies.push_back(s.text(0));
    return studies;
}

std::vector<SyncObject> SyncBatches::objects(long long batch) const
{
    std::vector<SyncObject> objects;
    Statement s(m_db, "SELECT kind, series_uid, sop_uid, path, confirmed FROM sync_objects WHERE batch = ? ORDER BY kind DESC");
    s.bind(1, std::int64_t(batch));
    while (s.step())
        objects.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4) != 0});
    return objects;
}

void SyncBatches::record(long long batch, const std::vector<SyncObject>& objects)
{
    for (const SyncObject& o : objects) {
        Statement s(m_db, "INSERT INTO sync_objects (batch, kind, series_uid, sop_uid, path) VALUES (?,?,?,?,?)");
        s.bind(1, std::int64_t(batch)).bind(2, o.kind).bind(3, o.seriesUid).bind(4, o.sopUid).bind(5, o.path);
        s.step();
    }
}

void SyncBatches::confirm(long long batch, const std::string& kind)
{
    Statement s(m_db, "UPDATE sync_objects SET confirmed = 1 WHERE batch = ? AND kind = ?");
    s.bind(1, std::int64_t(batch)).bind(2, kind);
    s.step();
}

std::time_t SyncBatches::failed(long long batch, std::time_t now, const std::string& error)
{
    Statement attempts(m_db, "SELECT attempts FROM sync_batches WHERE id = ?");
    attempts.bind(1, std::int64_t(batch));
    attempts.step();
    const int tries = int(attempts.integer(0)) + 1;
    const std::time_t wait = std::min<std::time_t>(300, std::time_t(5) << std::min(tries - 1, 10));
    Statement s(m_db, "UPDATE sync_batches SET attempts = ?, next_attempt = ?, last_error = ? WHERE id = ?");
    s.bind(1, tries).bind(2, std::int64_t(now + wait)).bind(3, error).bind(4, std::int64_t(batch));
    s.step();
    return wait;
}

void SyncBatches::done(long long batch)
{
    Statement s(m_db, "UPDATE sync_batches SET state = 'done', last_error = '' WHERE id = ?");
    s.bind(1, std::int64_t(batch));
    s.step();
}

std::optional<std::pair<std::string, std::string>> SyncBatches::lastConfirmedReport(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT o.series_uid, o.sop_uid FROM sync_objects o JOIN sync_batches b ON b.id = o.batch "
                      "WHERE b.study_uid = ? AND b.state = 'done' AND o.kind = 'SR' ORDER BY b.id DESC LIMIT 1");
    s.bind(1, studyUid);
    if (!s.step())
        return std::nullopt;
    return std::pair{s.text(0), s.text(1)};
}

std::vector<long long> SyncBatches::dropOpen()
{
    std::vector<long long> ids;
    Statement open(m_db, "SELECT id FROM sync_batches WHERE state = 'open'");
    while (open.step())
        ids.push_back(open.integer(0));
    Statement objects(m_db, "DELETE FROM sync_objects WHERE batch IN (SELECT id FROM sync_batches WHERE state = 'open')");
    objects.step();
    Statement batches(m_db, "DELETE FROM sync_batches WHERE state = 'open'");
    batches.step();
    return ids;
}

std::optional<std::string> SyncBatches::node() const
{
    Statement s(m_db, "SELECT address FROM sync_node WHERE id = 1");
    if (!s.step())
        return std::nullopt;
    return s.text(0);
}

void SyncBatches::rememberNode(const std::string& identity)
{
    Statement s(m_db, "INSERT OR REPLACE INTO sync_node (id, address) VALUES (1, ?)");
    s.bind(1, identity);
    s.step();
}

} // namespace hf
