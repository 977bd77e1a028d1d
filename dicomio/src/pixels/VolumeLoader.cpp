#include "hf/dicomio/VolumeLoader.h"

#include "hf/dicomio/ParallelFor.h"
#include "ChildProcessPool.h"
#include "FileDecoding.h"
#include "PixelDataPreflight.h"
#include "PixelConversion.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>

namespace hf {
namespace {

using FrameJob = FrameTarget;

PixelDataLayout layoutOf(const FrameHeader& h)
{
    PixelDataLayout l;
    l.path = h.path;
    const bool deflated = h.transferSyntax == "1.2.840.10008.1.2.1.99";  // smaller than its pixels by design
    l.fileSize = deflated ? 0 : h.fileSize;
    l.valueOffset = deflated ? 0 : h.pixelDataOffset;
    l.declaredLength = h.pixelDataLength;
    const std::uint64_t pixels = std::uint64_t(h.rows) * std::uint64_t(h.columns) * std::uint64_t(h.framesInFile);
    const std::uint64_t sampleBytes = std::uint64_t(std::max(1, h.bitsAllocated / 8));
    l.decodedBytes = pixels * std::uint64_t(h.samplesPerPixel) * sampleBytes;
    l.nativeBytes = h.photometric == Photometric::YbrFull422 ? pixels * 2 * sampleBytes
                    : h.bitsAllocated == 1                  ? (pixels + 7) / 8
                                                            : l.decodedBytes;
    return l;
}

bool isInteger(double v) { return std::floor(v) == v; }

void fillSlice(Volume& volume, int k, double value)
{
    const size_t n = size_t(volume.geometry().columns) * volume.geometry().rows;
    std::byte* dst = volume.slice(k);
    switch (volume.type()) {
    case VoxelType::Int16: { auto v = std::int16_t(value); for (size_t p = 0; p < n; ++p) std::memcpy(dst + 2 * p, &v, 2); break; }
    case VoxelType::UInt16: { auto v = std::uint16_t(std::max(0.0, value)); for (size_t p = 0; p < n; ++p) std::memcpy(dst + 2 * p, &v, 2); break; }
    case VoxelType::Float32: { auto v = float(value); for (size_t p = 0; p < n; ++p) std::memcpy(dst + 4 * p, &v, 4); break; }
    case VoxelType::Rgb8:
    case VoxelType::Rgb16:
    case VoxelType::Rgb32: std::memset(dst, 0, n * bytesPerVoxel(volume.type())); break;
    }
}

} // namespace

VolumeLoader::VolumeLoader(unsigned workers, size_t maxVolumeBytes, Isolation isolation)
    : m_workers(workers ? workers : defaultThreadCount())
    , m_maxVolumeBytes(maxVolumeBytes ? maxVolumeBytes
                                      : size_t(sysconf(_SC_PHYS_PAGES)) / 4 * 3 * size_t(sysconf(_SC_PAGESIZE)))
    , m_isolation(isolation)
{
}

VoxelType VolumeLoader::chooseVoxelType(const Stack& stack)
{
    double lo = 0, hi = 0;
    bool integral = true;
    // Colour at the widest depth of any of its slices; palette colour is made 8-bit RGB.
    int colourBits = 0;
    bool palette = false;
    for (const FrameHeader& h : stack.slices) {
        palette = palette || h.photometric == Photometric::Palette;
        if (h.samplesPerPixel == 3 || h.photometric == Photometric::Palette)
            colourBits = std::max(colourBits, h.bitsAllocated);
    }
    if (palette)
        return VoxelType::Rgb8;
    if (colourBits)
        return colourBits > 16 ? VoxelType::Rgb32 : colourBits > 8 ? VoxelType::Rgb16 : VoxelType::Rgb8;
    for (size_t k = 0; k < stack.slices.size(); ++k) {
        const FrameHeader& h = stack.slices[k];
        if (h.bitsAllocated > 16 || h.floatSamples)
            return VoxelType::Float32;
        const StoredPixelFormat f = storedFormatOf(h);
        integral = integral && isInteger(h.rescaleSlope) && isInteger(h.rescaleIntercept);
        lo = k == 0 ? lowestValue(f) : std::min(lo, lowestValue(f));
        hi = k == 0 ? highestValue(f) : std::max(hi, highestValue(f));
    }
    if (!integral)
        return VoxelType::Float32;
    if (lo >= -32768 && hi <= 32767)
        return VoxelType::Int16;
    if (lo >= 0 && hi <= 65535)
        return VoxelType::UInt16;
    return VoxelType::Float32;
}

LoadResult VolumeLoader::load(const Stack& stack, const ProgressSink& progress, const FirstSliceCallback& onFirstSlice,
                              int firstSlice) const
{
    LoadResult result;
    if (stack.slices.empty()) {
        result.errors.push_back({"", "empty stack"});
        return result;
    }
    const StackGeometry& g = stack.geometry;
    const VoxelType type = chooseVoxelType(stack);
    const double bytes = double(g.columns) * g.rows * g.slices * double(bytesPerVoxel(type));
    if (bytes > double(m_maxVolumeBytes)) {
        result.errors.push_back({stack.slices.front().path, "volume of " + std::to_string(g.columns) + "x"
                                 + std::to_string(g.rows) + "x" + std::to_string(g.slices) + " is larger than the "
                                 + std::to_string(m_maxVolumeBytes >> 20) + " MiB limit"});
        return result;
    }
    // Files whose pixel data contradicts their own header are refused before anything is
    // allocated: a stack of such files must not cost a huge, useless volume.
    std::map<std::string, std::string> refused;
    std::map<std::string, std::uint64_t> pixelDataEnds;  // once per file, not once per frame
    std::uint64_t largestDecode = 0;
    for (const auto& h : stack.slices)
        if (!h.toCome && !pixelDataEnds.count(h.path)) {
            const PixelDataLayout layout = layoutOf(h);
            largestDecode = std::max(largestDecode, layout.decodedBytes);
            PixelDataCheck check = preflightPixelData(layout);
            pixelDataEnds[h.path] = check.end;
            if (!check.problem.empty())
                refused[h.path] = std::move(check.problem);
        }
    // What a decoding child may allocate: room for the codec's own buffers around the largest
    // file's pixels, not gigabytes because a corrupt codestream asks for them (a 1.6 kB J2K
    // file once made OpenJPEG allocate 773 MB).
    const size_t decodeBudget = size_t(256 << 20) + size_t(8 * largestDecode);
    if (refused.size() == pixelDataEnds.size()) {
        for (const auto& [path, problem] : refused)
            result.errors.push_back({path, problem});
        return result;
    }
    // Native pixel data is copied by our own bounds-checked reads, never by GDCM's decoders: no
    // need for child processes (the header parse already ran in them), so threads fill a
    // private buffer (docs/performance.md: forks, polling and fresh shared pages cost a fifth).
    const bool onlyDirectReads = std::all_of(stack.slices.begin(), stack.slices.end(),
                                             [](const FrameHeader& h) { return h.toCome || canReadDirectly(h); });
    const bool isolate = m_isolation == Isolation::ChildProcesses && !onlyDirectReads;
    try {
        result.volume = std::make_shared<Volume>(g, type, isolate ? Volume::Memory::Shared : Volume::Memory::Private);
    } catch (const std::bad_alloc&) {
        result.errors.push_back({stack.slices.front().path, "not enough memory for the volume"});
        return result;
    }
    Volume& volume = *result.volume;
    const FrameHeader& h0 = stack.slices.front();
    volume.photometric = h0.photometric;
    volume.windows = h0.windows;
    volume.voiLut = h0.voiLut;
    volume.modality = h0.modality;
    volume.valueUnits = h0.valueUnits;
    volume.ultrasoundRegions = h0.ultrasoundRegions;
    volume.petValues = h0.pet.present();
    if (volume.petValues) {
        for (SuvKind kind : {SuvKind::BodyWeight, SuvKind::LeanBodyMass, SuvKind::BodySurfaceArea})
            volume.suvKinds[size_t(kind)] = suvFactor(h0, kind);
        volume.suv = volume.suvKinds[size_t(SuvKind::BodyWeight)];
    }
    volume.frameOfReferenceUid = h0.frameOfReferenceUid;
    volume.sliceThickness = h0.sliceThickness;
    volume.hasPatientGeometry = stack.hasPositions;
    volume.hasPixelSpacing = h0.hasPixelSpacing;
    volume.spacingFromImager = h0.spacingFromImager;
    for (const FrameHeader& slice : stack.slices) {
        volume.sliceSopInstanceUids.push_back(slice.sopInstanceUid);
        volume.sliceFrames.push_back(slice.frameIndex + 1);
        volume.sliceOverlays.push_back(slice.overlays);
        volume.sliceShutters.push_back(slice.shutter);
        if (stack.hasPositions)
            volume.slicePositions.push_back(slice.position);
    }
    const double fillValue = lowestValue(storedFormatOf(h0));
    // Slices still to come (a series shown while it arrives): nothing to read, drawn as such.
    for (int k = 0; k < g.slices; ++k)
        if (stack.slices[size_t(k)].toCome) {
            volume.slicesToCome.resize(size_t(g.slices), false);
            volume.slicesToCome[size_t(k)] = true;
            fillSlice(volume, k, fillValue);
        }

    // One job per file, so a multi-frame file is read and decoded once.
    std::map<std::string, FileJob> byPath;
    std::vector<std::string> order;
    for (int k = 0; k < g.slices; ++k) {
        const FrameHeader& h = stack.slices[size_t(k)];
        if (h.toCome)
            continue;
        auto [it, inserted] = byPath.try_emplace(h.path, FileJob{h.path, &h, {}, pixelDataEnds[h.path]});
        if (inserted)
            order.push_back(h.path);
        it->second.frames.push_back({h.frameIndex, k, h.rescaleSlope, h.rescaleIntercept});
    }
    if (firstSlice < 0 || firstSlice >= g.slices)
        firstSlice = g.slices / 2;
    const std::string& firstPath = stack.slices[size_t(firstSlice)].path;
    std::stable_partition(order.begin(), order.end(), [&](const std::string& p) { return p == firstPath; });
    auto decodeJob = [&](size_t index) -> std::string {
        if (auto it = refused.find(order[index]); it != refused.end())
            return it->second;
        try {
            return decodeFile(byPath.at(order[index]), volume);
        } catch (const std::exception& e) {
            return std::string("cannot decode pixel data: ") + e.what();
        } catch (...) {
            return "cannot decode pixel data";
        }
    };
    auto record = [&](size_t index, const std::string& error) {
        if (error.empty())
            return;
        const FileJob& job = byPath.at(order[index]);
        for (const auto& f : job.frames)
            fillSlice(volume, f.slice, fillValue);
        result.errors.push_back({job.path, error});
    };
    // Runs jobs [first, first + count): in child processes, or on threads of this process.
    auto runJobs = [&](size_t first, size_t count) {
        if (isolate) {
            const auto outcomes = ChildProcessPool(m_workers, 120.0, decodeBudget)
                                      .run(count, [&](size_t i) { return decodeJob(first + i); }, progress, first, order.size());
            for (size_t i = 0; i < count; ++i)
                record(first + i, outcomes[i].error);
            return;
        }
        // Errors and progress one at a time, as the child-process path reports them: a caller's
        // progress callback never runs on two threads at once.
        std::mutex reportMutex;
        size_t done = first;
        parallelFor(count, m_workers, [&](size_t i) {
            if (progress.cancelled())
                return;
            const std::string error = decodeJob(first + i);
            std::lock_guard<std::mutex> lock(reportMutex);
            record(first + i, error);
            progress(++done, order.size());
        });
    };
    runJobs(0, std::min<size_t>(1, order.size()));
    if (onFirstSlice)
        onFirstSlice(result.volume, firstSlice);
    if (order.size() > 1)
        runJobs(1, order.size() - 1);
    if (progress.cancelled())
        result.errors.push_back({"", "loading cancelled"});
    return result;
}

} // namespace hf
