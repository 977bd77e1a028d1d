#pragma once
// The cache's own copies of imported files, for the "copy" import mode: FOLDER/files/<study
// UID>/<series UID>/<SOP instance UID>.dcm, names built from UID digits only (a hostile UID
// never leaves the folder). Files outside the store belong to the user and are never deleted.
#include "hf/dicomio/DiskRoom.h"
#include "hf/dicomio/FrameHeader.h"

#include <string>
#include <vector>

namespace hf {

class CacheFileStore {
public:
    // keepFreeBytes: copyIn leaves a file where it is (and says so) while the cache's disk has
    // less free than this (DiskRoom; 0: never). Moving takes no room and is never refused.
    explicit CacheFileStore(std::string folder, std::uint64_t keepFreeBytes = DiskRoom::kDefaultKeepFreeBytes);

    const std::string& folder() const { return m_folder; }
    // Copies each instance's file into the store (once per SOP instance; an existing copy is
    // kept) and points the frames at the copies. Failures are errors naming the file; such a
    // file (or one the disk has no room for) stays indexed where it is.
    void copyIn(std::vector<FrameHeader>& frames, std::vector<FileError>& errors) const;
    // The same, moving the files (a rename on one file system, no second write; a copy across
    // file systems): for files made only to be cached, as a retrieval's.
    void moveIn(std::vector<FrameHeader>& frames, std::vector<FileError>& errors) const;
    bool owns(const std::string& path) const;
    // Deletes owned files among paths; returns the bytes freed.
    long long remove(const std::vector<std::string>& paths) const;

private:
    void bringIn(std::vector<FrameHeader>& frames, std::vector<FileError>& errors, bool move) const;
    std::string m_folder;
    std::uint64_t m_keepFree;
};

} // namespace hf
