#include "hf/dicomio/DiskRoom.h"

#include <sys/statvfs.h>

namespace hf {

std::string DiskRoom::shortage() const
{
    struct statvfs disk {};
    if (keepFreeBytes == 0 || statvfs(folder.c_str(), &disk) != 0)
        return {};  // not asked, or not answerable: the write itself will say if it fails
    const std::uint64_t free = std::uint64_t(disk.f_bavail) * std::uint64_t(disk.f_frsize);
    if (free >= keepFreeBytes)
        return {};
    const auto mb = [](std::uint64_t bytes) { return std::to_string(bytes >> 20); };
    return "the disk holding " + folder + " has " + mb(free) + " MB free, less than the " + mb(keepFreeBytes) + " MB kept free";
}

} // namespace hf
