#include "hf/annotations/StudyTags.h"

#include "Outbox.h"
#include "Statement.h"

#include "hf/annotations/CacheDatabase.h"

#include <stdexcept>

namespace hf {
namespace {

std::string trimmed(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The revision a row will get: one more than what is stored (1 for a new row).
int nextRevision(CacheDatabase& db, const char* sql, const std::vector<std::string>& keys)
{
    Statement s(db, sql);
    for (size_t i = 0; i < keys.size(); ++i)
        s.bind(int(i + 1), keys[i]);
    return s.step() ? int(s.integer(0)) + 1 : 1;
}

} // namespace

StudyTags::StudyTags(CacheDatabase& db)
    : m_db(db)
{
}

void StudyTags::addTag(const std::string& studyUid, const std::string& seriesUid, const std::string& word)
{
    const std::string w = trimmed(word);
    if (w.empty())
        throw std::invalid_argument("a tag needs a word");
    CacheDatabase::Transaction t(m_db);
    const int revision = nextRevision(m_db, "SELECT revision FROM tags WHERE study_uid = ? AND series_uid = ? AND word = ?",
                                      {studyUid, seriesUid, w});
    Statement s(m_db, "INSERT OR REPLACE INTO tags (study_uid, series_uid, word, revision, deleted, modified) VALUES (?,?,?,?,0,?)");
    s.bind(1, studyUid).bind(2, seriesUid).bind(3, w).bind(4, revision).bind(5, utcNow());
    s.step();
    appendToOutbox(m_db, studyUid, "tag", seriesUid + "/" + w, revision);
    t.commit();
}

bool StudyTags::removeTag(const std::string& studyUid, const std::string& seriesUid, const std::string& word)
{
    const std::string w = trimmed(word);
    CacheDatabase::Transaction t(m_db);
    Statement current(m_db, "SELECT revision FROM tags WHERE study_uid = ? AND series_uid = ? AND word = ? AND deleted = 0");
    current.bind(1, studyUid).bind(2, seriesUid).bind(3, w);
    if (!current.step())
        return false;
    const int revision = int(current.integer(0)) + 1;
    Statement s(m_db, "UPDATE tags SET deleted = 1, revision = ?, modified = ? WHERE study_uid = ? AND series_uid = ? AND word = ?");
    s.bind(1, revision).bind(2, utcNow()).bind(3, studyUid).bind(4, seriesUid).bind(5, w);
    s.step();
    appendToOutbox(m_db, studyUid, "tag", seriesUid + "/" + w, revision);
    t.commit();
    return true;
}

std::vector<TagRow> StudyTags::tags(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT study_uid, series_uid, word FROM tags WHERE study_uid = ? AND deleted = 0 ORDER BY series_uid, word");
    s.bind(1, studyUid);
    std::vector<TagRow> out;
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.text(2)});
    return out;
}

void StudyTags::setKeyImage(const std::string& studyUid, const std::string& seriesUid, const std::string& sopInstanceUid, int frame,
                            bool key)
{
    CacheDatabase::Transaction t(m_db);
    const int revision =
        nextRevision(m_db, "SELECT revision FROM key_images WHERE sop_uid = ? AND frame = ?", {sopInstanceUid, std::to_string(frame)});
    Statement s(m_db, "INSERT OR REPLACE INTO key_images (sop_uid, frame, study_uid, series_uid, revision, deleted, modified) "
                      "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, sopInstanceUid).bind(2, frame).bind(3, studyUid).bind(4, seriesUid).bind(5, revision).bind(6, key ? 0 : 1).bind(7, utcNow());
    s.step();
    appendToOutbox(m_db, studyUid, "key_image", sopInstanceUid + "/" + std::to_string(frame), revision);
    t.commit();
}

std::vector<KeyImageRow> StudyTags::keyImages(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT study_uid, series_uid, sop_uid, frame FROM key_images WHERE study_uid = ? AND deleted = 0 ORDER BY modified, sop_uid");
    s.bind(1, studyUid);
    std::vector<KeyImageRow> out;
    while (s.step())
        out.push_back({s.text(0), s.text(1), s.text(2), int(s.integer(3))});
    return out;
}

void StudyTags::setNote(const std::string& studyUid, const std::string& note)
{
    CacheDatabase::Transaction t(m_db);
    const int revision = nextRevision(m_db, "SELECT revision FROM study_notes WHERE study_uid = ?", {studyUid});
    Statement s(m_db, "INSERT OR REPLACE INTO study_notes (study_uid, note, revision, modified) VALUES (?,?,?,?)");
    s.bind(1, studyUid).bind(2, note).bind(3, revision).bind(4, utcNow());
    s.step();
    appendToOutbox(m_db, studyUid, "note", studyUid, revision);
    t.commit();
}

std::string StudyTags::note(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT note FROM study_notes WHERE study_uid = ?");
    s.bind(1, studyUid);
    return s.step() ? s.text(0) : std::string();
}

} // namespace hf
