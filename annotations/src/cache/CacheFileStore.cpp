#include "hf/annotations/CacheFileStore.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>

#include <fcntl.h>

namespace fs = std::filesystem;

namespace hf {
namespace {

// A file name from a UID: digits and dots only; anything else (a hostile UID) becomes a hash.
std::string safeName(const std::string& uid)
{
    const bool clean = !uid.empty() && uid.size() <= 64 && uid.front() != '.'
                       && std::all_of(uid.begin(), uid.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    return clean ? uid : "h" + std::to_string(std::hash<std::string>{}(uid));
}

// Moves (renames) or copies one file to its place in the store. A file already there is the
// same instance (the name is its SOP Instance UID) and is kept as it is.
void placeFile(const std::string& source, const fs::path& target, bool move, std::error_code& ec)
{
    if (move) {
        // One step that never replaces what is there; the series' folder is made only when the
        // rename says it is missing (the first file of a series, or a study deleted meanwhile),
        // not looked up for every file.
        auto renamed = [&] {
            return renameat2(AT_FDCWD, source.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0 || errno == EEXIST;
        };
        if (renamed())
            return;
        std::error_code unknown;  // the source cannot be looked at: the rename's own error is said
        if (errno == ENOENT && fs::exists(source, unknown)) {
            fs::create_directories(target.parent_path(), ec);
            if (ec || renamed())
                return;
        }
        if (errno != EXDEV && errno != EINVAL && errno != ENOSYS) {
            ec.assign(errno, std::generic_category());
            return;
        }
        // Across file systems a move is a copy; a file system without RENAME_NOREPLACE as well.
    }
    fs::create_directories(target.parent_path(), ec);
    if (!ec && !fs::exists(target, ec) && !ec)
        fs::copy_file(source, target, ec);
}

} // namespace

CacheFileStore::CacheFileStore(std::string folder, std::uint64_t keepFreeBytes)
    : m_folder(fs::absolute(fs::path(folder) / "files").lexically_normal().string())
    , m_keepFree(keepFreeBytes)
{
}

void CacheFileStore::copyIn(std::vector<FrameHeader>& frames, std::vector<FileError>& errors) const { bringIn(frames, errors, false); }

void CacheFileStore::moveIn(std::vector<FrameHeader>& frames, std::vector<FileError>& errors) const { bringIn(frames, errors, true); }

void CacheFileStore::bringIn(std::vector<FrameHeader>& frames, std::vector<FileError>& errors, bool move) const
{
    std::map<std::string, std::string> copied;  // source path -> copy
    // Asked of the cache's folder (the store's may not exist yet), before each copy.
    const DiskRoom room{fs::path(m_folder).parent_path().string(), move ? 0 : m_keepFree};
    for (auto& f : frames) {
        if (owns(f.path))
            continue;
        auto it = copied.find(f.path);
        if (it == copied.end()) {
            if (const std::string shortage = room.shortage(); !shortage.empty()) {
                errors.push_back({f.path, "not copied into the cache (" + shortage + "); indexed where it is"});
                it = copied.emplace(f.path, f.path).first;
                f.path = it->second;
                continue;
            }
            const fs::path target = fs::path(m_folder) / safeName(f.studyUid) / safeName(f.seriesUid)
                                    / (safeName(f.sopInstanceUid.empty() ? f.path : f.sopInstanceUid) + ".dcm");
            std::error_code ec;
            placeFile(f.path, target, move, ec);
            if (ec) {
                errors.push_back({f.path, "cannot copy into the cache: " + ec.message()});
                copied.emplace(f.path, f.path);  // index the original instead
            } else {
                copied.emplace(f.path, target.string());
            }
            it = copied.find(f.path);
        }
        f.path = it->second;
    }
}

bool CacheFileStore::owns(const std::string& path) const
{
    const std::string normal = fs::absolute(path).lexically_normal().string();
    return normal.size() > m_folder.size() && normal.compare(0, m_folder.size(), m_folder) == 0 && normal[m_folder.size()] == '/';
}

long long CacheFileStore::remove(const std::vector<std::string>& paths) const
{
    long long freed = 0;
    for (const auto& p : paths) {
        if (!owns(p))
            continue;
        std::error_code ec;
        const auto size = fs::file_size(p, ec);
        if (!ec && fs::remove(p, ec))
            freed += (long long)size;
    }
    return freed;
}

} // namespace hf
