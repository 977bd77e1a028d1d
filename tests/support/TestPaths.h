#pragma once
// Where tests find the shared corpus and make scratch folders.
#include <filesystem>
#include <string>

namespace hf::test {

inline std::filesystem::path corpus() { return std::filesystem::path(HF_SOURCE_DIR) / ".." / "shared" / "corpus"; }

// A fresh, empty folder under the build tree's scratch area, named after the caller.
inline std::filesystem::path scratch(const std::string& name)
{
    const auto dir = std::filesystem::path(HF_SCRATCH_DIR) / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace hf::test
