#pragma once
// Free words on studies and series, key image flags and a note per study, in the local cache.
// Like annotations, every change is one transaction with its outbox row, and removing keeps a
// tombstone. One thread at a time.
#include "hf/dicomio/StudyAnnotationSet.h"

#include <string>
#include <vector>

namespace hf {

class CacheDatabase;

struct TagRow {
    std::string studyUid, seriesUid, word;  // seriesUid empty: a study tag
};

struct KeyImageRow {
    std::string studyUid, seriesUid, sopInstanceUid;
    int frame = 1;
};

class StudyTags {
public:
    explicit StudyTags(CacheDatabase& db);

    // Words are trimmed; an empty word is refused (std::invalid_argument).
    void addTag(const std::string& studyUid, const std::string& seriesUid, const std::string& word);
    // False when the tag was not there.
    bool removeTag(const std::string& studyUid, const std::string& seriesUid, const std::string& word);
    std::vector<TagRow> tags(const std::string& studyUid) const;

    void setKeyImage(const std::string& studyUid, const std::string& seriesUid, const std::string& sopInstanceUid, int frame,
                     bool key);
    std::vector<KeyImageRow> keyImages(const std::string& studyUid) const;

    void setNote(const std::string& studyUid, const std::string& note);
    std::string note(const std::string& studyUid) const;

    // The sync's side. Everything with revisions and tombstones, as the SR carries it (key images
    // with their SOP class, frame count and series from the index when they were flagged without).
    std::vector<TagRecord> tagRecords(const std::string& studyUid) const;
    std::vector<KeyImageRecord> keyImageRecords(const std::string& studyUid) const;
    // The note and its revision (0: none).
    std::pair<std::string, int> noteRecord(const std::string& studyUid) const;
    // The local revision of one item, -1 when there is none.
    int tagRevision(const std::string& studyUid, const std::string& seriesUid, const std::string& word) const;
    int keyImageRevision(const std::string& sopInstanceUid, int frame) const;
    int noteRevision(const std::string& studyUid) const;
    // What the PACS has, stored as it is (no outbox row: it is already there).
    void storeTagFromPacs(const std::string& studyUid, const TagRecord& tag);
    void storeKeyImageFromPacs(const std::string& studyUid, const KeyImageRecord& key);
    void storeNoteFromPacs(const std::string& studyUid, const std::string& note, int revision);
    // Studies with a tag, a key image or a note.
    std::vector<std::string> studies() const;

private:
    CacheDatabase& m_db;
};

} // namespace hf
