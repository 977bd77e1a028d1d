// libFuzzer target over scan + stack building + decode, the path every opened file takes, and
// over the object readers: measurement reports (the sync's SRs), any SR as a document, presentation states, RT structure sets, segmentations.
//
// Default: the product's own isolation (headers parsed and pixels decoded in child processes),
// so the property checked is the application's: whatever the bytes, the parent never crashes,
// hangs or over-allocates, and every problem is an error naming the file.
// HF_FUZZ_IN_PROCESS=1: parse and decode in this process, to find crashers inside GDCM and our
// readers (Debian's GDCM aborts on many inputs; keep what it finds in tests/regression/).
#include "hf/dicomio/GdcmDiagnostics.h"
#include "hf/dicomio/ForeignPresentationState.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/ImageMarks.h"
#include "hf/dicomio/MeasurementReport.h"
#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/SegmentationSlicing.h"
#include "hf/dicomio/SpatialRegistration.h"
#include "hf/dicomio/SrDocument.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/StructureSet.h"
#include "hf/dicomio/StructureSlicing.h"
#include "hf/dicomio/VolumeLoader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const std::string& scratchFile()
{
    static const std::string path = "/dev/shm/hounsfield-fuzz-" + std::to_string(getpid()) + ".dcm";
    return path;
}

bool inProcess()
{
    static const bool value = std::getenv("HF_FUZZ_IN_PROCESS") != nullptr;
    return value;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    hf::silenceGdcmDiagnostics();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    const std::string& path = scratchFile();
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        std::fwrite(data, 1, size, f);
        std::fclose(f);
    }
    using namespace hf;
    const auto scanIsolation = inProcess() ? HeaderScanner::Isolation::Threads : HeaderScanner::Isolation::ChildProcesses;
    const auto decodeIsolation = inProcess() ? VolumeLoader::Isolation::Threads : VolumeLoader::Isolation::ChildProcesses;
    ScanResult scan = HeaderScanner(1, scanIsolation).scan({path});
    for (const auto& e : scan.errors)
        if (e.file != path || e.reason.empty())
            std::abort();  // every problem must name the file and say why
    const StudyTree tree = StackBuilder().build(std::move(scan.frames), std::move(scan.objects));
    for (const auto& p : tree.patients)
        for (const auto& st : p.studies)
            for (const auto& se : st.series)
                for (const auto& stack : se.stacks) {
                    for (const FrameHeader& f : stack.slices)  // what the view draws over each image
                        (void)imageMarksLayer(f.overlays, f.shutter, std::min(f.rows, 256), std::min(f.columns, 256), f.frameIndex + 1, true);
                    // 256 MiB cap: a fuzzed header must not make the loader take the machine.
                    const LoadResult loaded = VolumeLoader(1, size_t(256) << 20, decodeIsolation).load(stack);
                    for (const auto& e : loaded.errors)
                        if (e.file != path || e.reason.empty())
                            std::abort();
                }
    // The object readers run in the workstation's own process (DCMTK after our bounds-checked
    // walk): measurement reports from the sync, RT structure sets and SEGs of an opened study. Always in
    // process here, whatever the file claims to be.
    try {
        (void)readMeasurementReport(path);
    } catch (const std::exception& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            std::abort();  // the error must name the file
    }
    try {
        (void)readForeignPresentationState(path);
    } catch (const std::exception& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            std::abort();
    }
    try {
        (void)readSrDocument(path);
    } catch (const std::exception& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            std::abort();
    }
    try {
        const Segmentation seg = readSegmentation(path);
        SlicePlane plane;  // a small axial grid at the first frame: the resampling runs on whatever was read
        plane.columns = plane.rows = 8;
        if (!seg.frames.empty())
            plane.origin = seg.frames.front().position;
        (void)segmentationLayer(seg, plane, 1.0, {}, 0.5);
        // And across the frames (an MPR plane): each pixel looks up the frame that holds it.
        SlicePlane across = plane;
        across.rowDirection = seg.rowDirection;
        across.columnDirection = seg.normal();
        across.normal = across.rowDirection.cross(across.columnDirection);
        (void)segmentationLayer(seg, across, 1.0, {}, 0.5);
        (void)segmentVolumesMl(seg);
    } catch (const std::exception& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            std::abort();
    }
    try {
        const SpatialRegistration registration = readSpatialRegistration(path);
        for (const auto& item : registration.items)  // the matrices are composed on whatever was read
            (void)registration.transform(item.frameOfReferenceUid, registration.frameOfReferenceUid);
    } catch (const std::exception& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            std::abort();
    }
    try {
        const StructureSet set = readStructureSet(path);
        SlicePlane plane;  // an axial plane through the origin: the cutting runs on whatever was read
        (void)cutStructures(set, plane, 1.0);
    } catch (const std::exception& e) {
        if (std::string(e.what()).find(path) == std::string::npos)
            std::abort();
    }
    return 0;
}
