#pragma once
// Free words on studies and series, key image flags and a note per study, in the local cache.
// Like annotations, every change is one transaction with its outbox row, and removing keeps a
// tombstone. One thread at a time.
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

private:
    CacheDatabase& m_db;
};

} // namespace hf
