#include "Outbox.h"

#include "Statement.h"

#include "hf/annotations/Annotation.h"

namespace hf {

Outbox::Outbox(CacheDatabase& db)
    : m_db(db)
{
}

void Outbox::append(const std::string& studyUid, const char* object, const std::string& objectId, int revision)
{
    Statement s(m_db, "INSERT INTO outbox (study_uid, object, object_id, revision, created) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, studyUid).bind(2, std::string(object)).bind(3, objectId).bind(4, revision).bind(5, utcNow());
    s.step();
}

bool Outbox::has(const char* object, const std::string& objectId) const
{
    Statement s(m_db, "SELECT 1 FROM outbox WHERE object = ? AND object_id = ? LIMIT 1");
    s.bind(1, std::string(object)).bind(2, objectId);
    return s.step();
}

long long Outbox::count() const
{
    Statement s(m_db, "SELECT COUNT(*) FROM outbox");
    s.step();
    return s.integer(0);
}

std::vector<std::string> Outbox::studies() const
{
    std::vector<std::string> studies;
    Statement s(m_db, "SELECT DISTINCT study_uid FROM outbox");
    while (s.step())
        studies.push_back(s.text(0));
    return studies;
}

std::optional<long long> Outbox::lastSequence(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT MAX(seq) FROM outbox WHERE study_uid = ?");
    s.bind(1, studyUid);
    if (!s.step() || s.text(0).empty())
        return std::nullopt;
    return s.integer(0);
}

int Outbox::countUpTo(const std::string& studyUid, long long sequence) const
{
    Statement s(m_db, "SELECT COUNT(*) FROM outbox WHERE study_uid = ? AND seq <= ?");
    s.bind(1, studyUid).bind(2, std::int64_t(sequence));
    s.step();
    return int(s.integer(0));
}

void Outbox::dropUpTo(const std::string& studyUid, long long sequence)
{
    Statement s(m_db, "DELETE FROM outbox WHERE study_uid = ? AND seq <= ?");
    s.bind(1, studyUid).bind(2, std::int64_t(sequence));
    s.step();
}

void Outbox::queueEverything()
{
    const std::string now = utcNow();
    struct Source {
        const char *object, *id, *table;
    };
    for (const Source& source : {Source{"annotation", "t.id", "annotations"}, Source{"tag", "t.series_uid || '/' || t.word", "tags"},
                                 Source{"key_image", "t.sop_uid || '/' || t.frame", "key_images"},
                                 Source{"note", "t.study_uid", "study_notes"}}) {
        const std::string sql = std::string("INSERT INTO outbox (study_uid, object, object_id, revision, created) SELECT t.study_uid, ?2, ") +
                                source.id + ", t.revision, ?1 FROM " + source.table + " t WHERE NOT EXISTS (SELECT 1 FROM outbox o "
                                "WHERE o.object = ?2 AND o.object_id = " + source.id + ")";
        Statement queue(m_db, sql.c_str());
        queue.bind(1, now).bind(2, std::string(source.object));
        queue.step();
    }
}

} // namespace hf
