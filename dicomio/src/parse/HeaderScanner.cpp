#include "hf/dicomio/HeaderScanner.h"

#include "hf/dicomio/ParallelFor.h"
#include "ChildProcessPool.h"
#include "HeaderInterpretation.h"
#include "HeaderPreflight.h"
#include "PlainHeaderParser.h"
#include "ScanResultCodec.h"
#include "SharedResultArena.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

namespace fs = std::filesystem;

namespace hf {

HeaderScanner::HeaderScanner(unsigned workers, Isolation isolation)
    : m_workers(workers ? workers : defaultThreadCount())
    , m_isolation(isolation)
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

namespace {

// Reads a file without GDCM when it can: true when `result` has its outcome (headers, or an
// error such as "not a DICOM file"), false when only GDCM can read it.
bool scanWithoutGdcm(const std::string& path, ScanResult& result)
{
    const HeaderStructure structure = checkHeaderStructure(path);
    if (structure.notDicom) {
        result.errors.push_back({path, structure.error});
        return true;
    }
    if (!structure.error.empty()) {
        result.errors.push_back({path, "malformed DICOM header: " + structure.error});
        return true;
    }
    ElementSet meta, dataSet;
    if (!parsePlainHeader(structure.header, structure.pixelDataElement, meta, dataSet))
        return false;
    interpretHeader(path, structure, meta, dataSet, false, result);
    return true;
}

} // namespace

void HeaderScanner::scanFile(const std::string& path, ScanResult& result)
{
    if (!scanWithoutGdcm(path, result))
        scanFileWithGdcm(path, result);
}

ScanResult HeaderScanner::scan(const std::vector<std::string>& paths, const ProgressSink& progress) const
{
    ScanResult result;
    result.filesSeen = scanStreaming(
        paths,
        [&](ScanResult&& run) {
            std::move(run.frames.begin(), run.frames.end(), std::back_inserter(result.frames));
            std::move(run.objects.begin(), run.objects.end(), std::back_inserter(result.objects));
            std::move(run.errors.begin(), run.errors.end(), std::back_inserter(result.errors));
        },
        progress);
    return result;
}

size_t HeaderScanner::scanStreaming(const std::vector<std::string>& paths, const ScanConsumer& consumer, const ProgressSink& progress) const
{
    ScanResult listing;
    std::vector<std::string> files = listFiles(paths, listing.errors);
    if (!listing.errors.empty())
        consumer(std::move(listing));
    size_t seenCount = 0;
    std::vector<std::string> scanned;
    std::set<std::string> seen;  // canonical paths, made only once a DICOMDIR lists files
    // Round after round: a DICOMDIR in one round brings the files it lists into the next.
    while (!files.empty()) {
        seenCount += files.size();
        std::vector<std::string> referenced;
        // Hands a completed run over, keeping what DICOMDIRs in it refer to for the next round.
        auto handOver = [&](std::vector<ScanResult>& perFile, size_t from, size_t to) {
            ScanResult run;
            size_t frames = 0;
            for (size_t i = from; i < to; ++i)
                frames += perFile[i].frames.size();
            run.frames.reserve(frames);
            for (size_t i = from; i < to; ++i) {
                ScanResult& r = perFile[i];
                std::move(r.frames.begin(), r.frames.end(), std::back_inserter(run.frames));
                std::move(r.objects.begin(), r.objects.end(), std::back_inserter(run.objects));
                std::move(r.errors.begin(), r.errors.end(), std::back_inserter(run.errors));
                std::move(r.referencedFiles.begin(), r.referencedFiles.end(), std::back_inserter(referenced));
                r = ScanResult();
            }
            consumer(std::move(run));
        };
        std::vector<ScanResult> rest = scanFiles(files, progress, handOver);
        if (m_isolation != Isolation::ChildProcesses)
            handOver(rest, 0, rest.size());
        scanned.insert(scanned.end(), files.begin(), files.end());
        files.clear();
        if (referenced.empty())
            continue;
        if (seen.empty())
            for (const auto& f : scanned)
                seen.insert(fs::weakly_canonical(f).string());
        for (auto& r : referenced)
            if (seen.insert(fs::weakly_canonical(r).string()).second)
                files.push_back(std::move(r));
    }
    return seenCount;
}

std::vector<ScanResult> HeaderScanner::scanFiles(const std::vector<std::string>& files, const ProgressSink& progress,
                                                 const RangeDone& onRange) const
{
    std::vector<ScanResult> perFile(files.size());
    std::atomic<size_t> done{0};
    if (m_isolation == Isolation::Threads) {
        parallelFor(files.size(), m_workers, [&](size_t i) {
            if (progress.cancelled())
                return;
            scanFile(files[i], perFile[i]);
            progress(++done, files.size());
        });
        return perFile;
    }
    // Our own parse (the preflight's walk, then parsePlainHeader: bounds-checked, allocating
    // nothing a length declares, fuzzed) runs on threads here; only the files it leaves to GDCM
    // go to child processes. Forking, and handing results back through shared memory, cost
    // three times what the parse itself does.
    constexpr size_t kChunk = 128;
    for (size_t from = 0; from < files.size() && !progress.cancelled(); from += kChunk) {
        const size_t to = std::min(files.size(), from + kChunk);
        std::vector<char> leftToGdcm(to - from, 0);
        parallelFor(to - from, m_workers, [&](size_t k) {
            if (progress.cancelled())
                return;
            if (scanWithoutGdcm(files[from + k], perFile[from + k]))
                progress(++done, files.size());
            else
                leftToGdcm[k] = 1;
        });
        std::vector<size_t> gdcmFiles;
        for (size_t k = 0; k < leftToGdcm.size(); ++k)
            if (leftToGdcm[k])
                gdcmFiles.push_back(from + k);
        if (!gdcmFiles.empty())
            scanWithGdcmInChildren(files, gdcmFiles, perFile, progress, done);
        if (onRange)
            onRange(perFile, from, to);
    }
    return perFile;
}

void HeaderScanner::scanWithGdcmInChildren(const std::vector<std::string>& files, const std::vector<size_t>& which,
                                           std::vector<ScanResult>& perFile, const ProgressSink& progress,
                                           std::atomic<size_t>& done) const
{
    // Children parse; each leaves its file's result, flattened, in shared memory. GDCM is made
    // ready here first, so that they inherit it.
    prepareGdcm();
    SharedResultArena arena(which.size(), (size_t(256) << 20) + which.size() * (size_t(16) << 10));
    auto collect = [&](size_t from, size_t to, const std::vector<JobOutcome>& outcomes) {
        for (size_t j = from; j < to; ++j) {
            if (!outcomes[j].done)
                continue;  // cancelled
            const size_t i = which[j];
            std::optional<ScanResult> one;
            if (outcomes[j].error.empty())
                one = decodeScanResult(arena.get(j).value_or(std::string()));
            if (one)
                perFile[i] = std::move(*one);
            else
                perFile[i].errors.push_back({files[i], "cannot read the header: "
                                                           + (outcomes[j].error.empty() ? "scanner result lost" : outcomes[j].error)});
        }
    };
    // A header takes milliseconds: a child still at one after 20 s is stuck (a hostile file,
    // or a lock it inherited from a thread of ours at fork) and is replaced.
    ChildProcessPool(m_workers, 20.0).run(
        which.size(),
        [&](size_t j) -> std::string {
            ScanResult one;
            scanFileWithGdcm(files[which[j]], one);
            return arena.put(j, encodeScanResult(one)) ? std::string() : "header too large to scan";
        },
        progress, done.load(), files.size(), collect);
    done += which.size();
}

} // namespace hf
