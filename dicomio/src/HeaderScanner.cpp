#include "hf/dicomio/HeaderScanner.h"

#include "hf/dicomio/ParallelFor.h"
#include "FrameHeaderReader.h"

#include <gdcmReader.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>

namespace fs = std::filesystem;

namespace hf {
namespace {

// Cheap first look: DICM at 128 (Part 10 file) or a raw dataset starting with group 0002/0008.
// Rejects large non-DICOM files after reading 132 bytes, long before GDCM would parse them.
bool looksLikeDicom(const std::string& path, std::string& reason)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        reason = "cannot open file";
        return false;
    }
    unsigned char head[132] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    const auto got = in.gcount();
    if (got == 132 && std::equal(head + 128, head + 132, "DICM"))
        return true;
    if (got >= 8 && head[1] == 0x00 && (head[0] == 0x02 || head[0] == 0x08) && head[3] == 0x00)
        return true;
    reason = got < 132 ? "not a DICOM file (too short and no DICOM header)" : "not a DICOM file (no DICM prefix at byte 128)";
    return false;
}

} // namespace

HeaderScanner::HeaderScanner(unsigned threads)
    : m_threads(threads)
{
}

std::vector<std::string> listFiles(const std::vector<std::string>& paths, std::vector<FileError>& errors)
{
    std::vector<std::string> files;
    for (const auto& p : paths) {
        std::error_code ec;
        const auto status = fs::status(p, ec);
        if (ec || !fs::exists(status)) {
            errors.push_back({p, "no such file or folder"});
        } else if (fs::is_directory(status)) {
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            for (; !ec && it != end; it.increment(ec))
                if (it->is_regular_file(ec))
                    files.push_back(it->path().string());
            if (ec)
                errors.push_back({p, "cannot list folder: " + ec.message()});
        } else {
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

void HeaderScanner::scanFile(const std::string& path, ScanResult& result)
{
    std::string reason;
    if (!looksLikeDicom(path, reason)) {
        result.errors.push_back({path, reason});
        return;
    }
    try {
        gdcm::Reader reader;
        reader.SetFileName(path.c_str());
        if (!reader.ReadUpToTag(gdcm::Tag(0x7fe0, 0x0010))) {
            result.errors.push_back({path, "unreadable DICOM header (GDCM could not parse the tags)"});
            return;
        }
        const size_t before = result.frames.size();
        FrameHeaderReader(path, reader.GetFile()).appendTo(result.frames, result.errors);
        std::error_code ec;
        const auto fileSize = std::uint64_t(fs::file_size(path, ec));
        for (size_t i = before; i < result.frames.size(); ++i)
            result.frames[i].fileSize = ec ? 0 : fileSize;
    } catch (const std::exception& e) {
        result.errors.push_back({path, std::string("unreadable DICOM header: ") + e.what()});
    } catch (...) {
        result.errors.push_back({path, "unreadable DICOM header"});
    }
}

ScanResult HeaderScanner::scan(const std::vector<std::string>& paths, const ProgressSink& progress) const
{
    ScanResult result;
    const auto files = listFiles(paths, result.errors);
    result.filesSeen = files.size();
    std::vector<ScanResult> perFile(files.size());
    std::atomic<size_t> done{0};
    parallelFor(files.size(), m_threads, [&](size_t i) {
        if (progress.cancelled())
            return;
        scanFile(files[i], perFile[i]);
        progress(++done, files.size());
    });
    for (auto& r : perFile) {
        std::move(r.frames.begin(), r.frames.end(), std::back_inserter(result.frames));
        std::move(r.errors.begin(), r.errors.end(), std::back_inserter(result.errors));
    }
    return result;
}

} // namespace hf
