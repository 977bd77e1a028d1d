#pragma once
// Whether the disk holding a folder can take more received files while keeping a reserve free:
// a full disk would also stop the cache's index (SQLite), the audit log and the rest of the
// system. Receivers and retrievals ask before each instance. Any thread.
#include <cstdint>
#include <string>

namespace hf {

struct DiskRoom {
    static constexpr std::uint64_t kDefaultKeepFreeBytes = std::uint64_t(1024) << 20;  // 1 GB
    std::string folder;
    std::uint64_t keepFreeBytes = kDefaultKeepFreeBytes;
    // Empty when there is room (or the disk cannot be asked); else why not, e.g. "the disk
    // holding /cache has 812 MB free, less than the 1024 MB kept free".
    std::string shortage() const;
};

} // namespace hf
