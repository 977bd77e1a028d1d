#include "hf/annotations/StudyTags.h"

#include "Outbox.h"
#include "Statement.h"

#include "hf/annotations/Annotation.h"
#include "hf/annotations/CacheDatabase.h"

#include <algorithm>
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

// The revision a row has, -1 when there is none.
int currentRevision(CacheDatabase& db, const char* sql, const std::vector<std::string>& keys)
{
    Statement s(db, sql);
    for (size_t i = 0; i < keys.size(); ++i)
        s.bind(int(i + 1), keys[i]);
    return s.step() ? int(s.integer(0)) : -1;
}

// The revision a row will get: one more than what is stored (1 for a new row).
int nextRevision(CacheDatabase& db, const char* sql, const std::vector<std::string>& keys)
{
    return std::max(currentRevision(db, sql, keys) + 1, 1);
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
    Outbox(m_db).append(studyUid, "tag", seriesUid + "/" + w, revision);
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
    Outbox(m_db).append(studyUid, "tag", seriesUid + "/" + w, revision);
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
    Outbox(m_db).append(studyUid, "key_image", sopInstanceUid + "/" + std::to_string(frame), revision);
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
    Outbox(m_db).append(studyUid, "note", studyUid, revision);
    t.commit();
}

std::string StudyTags::note(const std::string& studyUid) const
{
    return noteRecord(studyUid).first;
}

std::vector<TagRecord> StudyTags::tagRecords(const std::string& studyUid) const
{
    std::vector<TagRecord> out;
    Statement s(m_db, "SELECT series_uid, word, revision, deleted FROM tags WHERE study_uid = ? ORDER BY rowid");
    s.bind(1, studyUid);
    while (s.step())
        out.push_back({s.text(0), s.text(1), int(s.integer(2)), s.integer(3) != 0});
    return out;
}

std::vector<KeyImageRecord> StudyTags::keyImageRecords(const std::string& studyUid) const
{
    // Read with the index's rows of the image (a join, not a write: the index stays theirs).
    Statement s(m_db, "SELECT k.sop_uid, k.frame, COALESCE(NULLIF(k.series_uid, ''), se.series_uid, ''), k.revision, k.deleted, "
                      "i.sop_class, i.frames FROM key_images k LEFT JOIN instances i ON i.sop_uid = k.sop_uid "
                      "LEFT JOIN series se ON se.id = i.series WHERE k.study_uid = ? ORDER BY k.rowid");
    s.bind(1, studyUid);
    std::vector<KeyImageRecord> out;
    while (s.step()) {
        KeyImageRecord k;
        k.image.sopInstanceUid = s.text(0);
        k.image.frame = int(s.integer(1));
        k.image.seriesUid = s.text(2);
        k.revision = int(s.integer(3));
        k.deleted = s.integer(4) != 0;
        k.image.sopClassUid = s.text(5);
        k.image.frameCount = std::max(1, int(s.integer(6)));
        out.push_back(k);
    }
    return out;
}

std::pair<std::string, int> StudyTags::noteRecord(const std::string& studyUid) const
{
    Statement s(m_db, "SELECT note, revision FROM study_notes WHERE study_uid = ?");
    s.bind(1, studyUid);
    return s.step() ? std::pair{s.text(0), int(s.integer(1))} : std::pair{std::string(), 0};
}

int StudyTags::tagRevision(const std::string& studyUid, const std::string& seriesUid, const std::string& word) const
{
    return currentRevision(m_db, "SELECT revision FROM tags WHERE study_uid = ? AND series_uid = ? AND word = ?", {studyUid, seriesUid, word});
}

int StudyTags::keyImageRevision(const std::string& sopInstanceUid, int frame) const
{
    return currentRevision(m_db, "SELECT revision FROM key_images WHERE sop_uid = ? AND frame = ?", {sopInstanceUid, std::to_string(frame)});
}

int StudyTags::noteRevision(const std::string& studyUid) const
{
    return currentRevision(m_db, "SELECT revision FROM study_notes WHERE study_uid = ?", {studyUid});
}

void StudyTags::storeTagFromPacs(const std::string& studyUid, const TagRecord& t)
{
    Statement s(m_db, "INSERT INTO tags (study_uid, series_uid, word, revision, deleted, modified) VALUES (?,?,?,?,?,?) "
                      "ON CONFLICT(study_uid, series_uid, word) DO UPDATE SET revision = excluded.revision, "
                      "deleted = excluded.deleted, modified = excluded.modified");
    s.bind(1, studyUid).bind(2, t.seriesUid).bind(3, t.word).bind(4, t.revision).bind(5, t.deleted ? 1 : 0).bind(6, utcNow());
    s.step();
}

void StudyTags::storeKeyImageFromPacs(const std::string& studyUid, const KeyImageRecord& k)
{
    Statement s(m_db, "INSERT INTO key_images (sop_uid, frame, study_uid, series_uid, revision, deleted, modified) "
                      "VALUES (?,?,?,?,?,?,?) ON CONFLICT(sop_uid, frame) DO UPDATE SET revision = excluded.revision, "
                      "deleted = excluded.deleted, modified = excluded.modified");
    s.bind(1, k.image.sopInstanceUid).bind(2, k.image.frame).bind(3, studyUid).bind(4, k.image.seriesUid);
    s.bind(5, k.revision).bind(6, k.deleted ? 1 : 0).bind(7, utcNow());
    s.step();
}

void StudyTags::storeNoteFromPacs(const std::string& studyUid, const std::string& note, int revision)
{
    Statement s(m_db, "INSERT OR REPLACE INTO study_notes (study_uid, note, revision, modified) VALUES (?,?,?,?)");
    s.bind(1, studyUid).bind(2, note).bind(3, revision).bind(4, utcNow());
    s.step();
}

std::vector<std::string> StudyTags::studies() const
{
    std::vector<std::string> studies;
    Statement s(m_db, "SELECT study_uid FROM tags UNION SELECT study_uid FROM key_images UNION SELECT study_uid FROM study_notes");
    while (s.step())
        studies.push_back(s.text(0));
    return studies;
}

} // namespace hf
