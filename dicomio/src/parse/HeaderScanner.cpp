#include "hf/dicomio/HeaderScanner.h"

#include "hf/dicomio/ParallelFor.h"
#include "ChildProcessPool.h"
#include "DicomDirReader.h"
#include "FrameHeaderReader.h"
#include "GdcmStandInSyntax.h"
#include "HeaderPreflight.h"
#include "HighBitOverlays.h"
#include "MemoryStreamBuf.h"
#include "ScanResultCodec.h"
#include "SharedResultArena.h"

#include <gdcmReader.h>

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

// Float samples have no rescale; their Real World Value Mapping gives the values and units.
void useFloatSamples(FrameHeader& h)
{
    h.floatSamples = true;
    h.pixelSigned = true;
    h.bitsStored = h.bitsAllocated;
    h.highBit = h.bitsAllocated - 1;
    h.rescaleSlope = h.hasRealWorldMapping ? h.realWorldSlope : 1;
    h.rescaleIntercept = h.hasRealWorldMapping ? h.realWorldIntercept : 0;
    if (h.hasRealWorldMapping && !h.realWorldUnits.empty())
        h.valueUnits = h.realWorldUnits;
}

} // namespace

void HeaderScanner::scanFile(const std::string& path, ScanResult& result)
{
    HeaderStructure structure = checkHeaderStructure(path);
    if (structure.notDicom) {
        result.errors.push_back({path, structure.error});
        return;
    }
    if (!structure.error.empty()) {
        result.errors.push_back({path, "malformed DICOM header: " + structure.error});
        return;
    }
    const std::string standIn = gdcmStandInSyntax(structure.transferSyntax, structure.transferSyntaxLength);
    if (!standIn.empty() && !overwriteSyntaxValue(structure.header, structure.transferSyntaxOffset, standIn)) {
        result.errors.push_back({path, "transfer syntax " + structure.transferSyntax
                                           + ": the header is too large to be read without GDCM knowing this syntax"});
        return;
    }
    try {
        // Stop at Pixel Data without reading its value: scanning reads headers only. GDCM cannot
        // skip inside a deflated stream, so those files are read whole on a second try.
        const gdcm::Tag pixelData(0x7fe0, std::uint16_t(structure.pixelDataElement));
        auto reader = std::make_unique<gdcm::Reader>();
        MemoryStreamBuf headerBuffer(structure.header);
        std::istream headerStream(&headerBuffer);
        if (structure.header.empty())
            reader->SetFileName(path.c_str());
        else
            reader->SetStream(headerStream);  // the bytes the preflight already read
        bool read = reader->ReadUpToTag(pixelData, {pixelData});
        if (!read && reader->GetFile().GetHeader().GetDataSetTransferSyntax() == gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian) {
            reader = std::make_unique<gdcm::Reader>();
            reader->SetFileName(path.c_str());
            read = reader->ReadUpToTag(pixelData);
        }
        if (!read) {
            result.errors.push_back({path, "unreadable DICOM header (GDCM could not parse the tags)"});
            return;
        }
        if (isDicomDir(reader->GetFile())) {
            result.referencedFiles = referencedFiles(path, reader->GetFile(), result.errors);
            return;
        }
        const size_t before = result.frames.size();
        const size_t objectsBefore = result.objects.size();
        FrameHeaderReader(path, reader->GetFile()).appendTo(result.frames, result.objects, result.errors);
        for (size_t i = objectsBefore; i < result.objects.size(); ++i)
            result.objects[i].fileSize = structure.fileSize;
        for (size_t i = before; i < result.frames.size(); ++i) {
            if (!standIn.empty())
                result.frames[i].transferSyntax = structure.transferSyntax;
            if (structure.pixelDataElement != 0x0010)
                useFloatSamples(result.frames[i]);
            result.frames[i].fileSize = structure.fileSize;
            result.frames[i].pixelDataOffset = structure.pixelDataOffset;
            result.frames[i].pixelDataLength = structure.pixelDataLength;
            fillHighBitOverlays(result.frames[i]);
        }
    } catch (const std::exception& e) {
        result.errors.push_back({path, std::string("unreadable DICOM header: ") + e.what()});
    } catch (...) {
        result.errors.push_back({path, "unreadable DICOM header"});
    }
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
    if (m_isolation == Isolation::ChildProcesses) {
        // Children parse; each leaves its file's result, flattened, in shared memory.
        SharedResultArena arena(files.size(), (size_t(256) << 20) + files.size() * (size_t(16) << 10));
        // Each finished file's result is decoded from the arena as soon as its run completes.
        auto collect = [&](size_t from, size_t to, const std::vector<JobOutcome>& outcomes) {
            for (size_t i = from; i < to; ++i) {
                if (!outcomes[i].done)
                    continue;  // cancelled
                std::optional<ScanResult> one;
                if (outcomes[i].error.empty())
                    one = decodeScanResult(arena.get(i).value_or(std::string()));
                if (one)
                    perFile[i] = std::move(*one);
                else
                    perFile[i].errors.push_back({files[i], "cannot read the header: "
                                                               + (outcomes[i].error.empty() ? "scanner result lost" : outcomes[i].error)});
            }
            if (onRange)
                onRange(perFile, from, to);
        };
        // A header takes milliseconds: a child still at one after 20 s is stuck (a hostile file,
        // or a lock it inherited from a thread of ours at fork) and is replaced.
        ChildProcessPool(m_workers, 20.0).run(
            files.size(),
            [&](size_t i) -> std::string {
                ScanResult one;
                scanFile(files[i], one);
                return arena.put(i, encodeScanResult(one)) ? std::string() : "header too large to scan";
            },
            progress, 0, 0, collect);
    } else {
        std::atomic<size_t> done{0};
        parallelFor(files.size(), m_workers, [&](size_t i) {
            if (progress.cancelled())
                return;
            scanFile(files[i], perFile[i]);
            progress(++done, files.size());
        });
    }
    return perFile;
}

} // namespace hf
