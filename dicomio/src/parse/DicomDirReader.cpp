#include "DicomDirReader.h"

#include "TagReading.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace hf {
namespace {

// The entry of `folder` whose name equals `name` ignoring case (CDs store upper case, a Linux
// mount may show lower case), or empty.
fs::path findIgnoringCase(const fs::path& folder, const std::string& name)
{
    std::error_code ec;
    if (fs::exists(folder / name, ec))
        return folder / name;
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        return s;
    };
    const std::string wanted = lower(name);
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (lower(it->path().filename().string()) == wanted)
            return it->path();
    return {};
}

} // namespace

bool isDicomDir(const ElementSet& meta)
{
    return tags::text(meta, DicomTag(0x0002, 0x0002)) == "1.2.840.10008.1.3.10";
}

std::vector<std::string> referencedFiles(const std::string& dicomDirPath, const ElementSet& ds,
                                         std::vector<FileError>& errors)
{
    std::vector<std::string> out;
    const DicomTag records(0x0004, 0x1220);
    const fs::path root = fs::path(dicomDirPath).parent_path();
    for (size_t i = 0, n = tags::itemCount(ds, records); i < n; ++i) {
        const ElementSet* record = tags::item(ds, records, i);
        const auto components = tags::texts(*record, DicomTag(0x0004, 0x1500));
        if (components.empty())
            continue;
        fs::path resolved = root;
        for (const auto& c : components) {
            if (c.empty() || c == "." || c == "..") {  // a File ID never leaves the medium
                resolved.clear();
                break;
            }
            resolved = findIgnoringCase(resolved, c);
            if (resolved.empty())
                break;
        }
        if (resolved.empty()) {
            std::string id;
            for (const auto& c : components)
                id += (id.empty() ? "" : "/") + c;
            errors.push_back({dicomDirPath, "DICOMDIR lists " + id + ", which is not on the medium"});
            continue;
        }
        out.push_back(resolved.string());
    }
    return out;
}

} // namespace hf
