// Loads one series several ways in one run and prints timings (docs/performance.md).
//   bench_load DIR [--mode all|cat|gdcm|hounsfield|hounsfield-threads|itk|vtk] [--repeat N]
// Every mode sorts nothing it does not have to; "hounsfield" is the GUI's path (scan tags,
// build the stack, decode in child processes into one volume). Peak memory is measured from
// outside, per mode, by bench/run-load-bench.sh (a memory cgroup counts child processes and
// shared memory too).
#include "hf/dicomio/GdcmDiagnostics.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <gdcmImageReader.h>
#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImage.h>
#include <itkImageSeriesReader.h>
#include <vtkDICOMImageReader.h>
#include <vtkImageData.h>
#include <vtkNew.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

struct Result {
    double seconds = 0, firstSlice = 0, voxelBytes = 0;
};

std::vector<std::string> filesIn(const std::string& dir)
{
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file())
            files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

Result runCat(const std::string& dir)
{
    const auto t0 = Clock::now();
    const std::string command = "cat '" + dir + "'/* > /dev/null";
    if (std::system(command.c_str()) != 0)
        std::fprintf(stderr, "cat failed\n");
    return {seconds(t0, Clock::now())};
}

Result runGdcm(const std::vector<std::string>& files)
{
    const auto t0 = Clock::now();
    std::vector<char> buffer;
    double bytes = 0;
    for (const auto& f : files) {
        gdcm::ImageReader reader;
        reader.SetFileName(f.c_str());
        if (!reader.Read())
            continue;
        buffer.resize(reader.GetImage().GetBufferLength());
        reader.GetImage().GetBuffer(buffer.data());
        bytes += double(buffer.size());
    }
    return {seconds(t0, Clock::now()), 0, bytes};
}

Result runHounsfield(const std::string& dir, bool threads)
{
    const auto t0 = Clock::now();
    Clock::time_point first;
    hf::ScanResult scan = hf::HeaderScanner(0, threads ? hf::HeaderScanner::Isolation::Threads
                                                       : hf::HeaderScanner::Isolation::ChildProcesses)
                              .scan({dir});
    const hf::StudyTree tree = hf::StackBuilder().build(std::move(scan.frames));
    const hf::Stack* stack = tree.firstStack();
    if (!stack)
        return {};
    const hf::LoadResult loaded =
        hf::VolumeLoader(0, 0, threads ? hf::VolumeLoader::Isolation::Threads : hf::VolumeLoader::Isolation::ChildProcesses)
            .load(*stack, {}, [&](const std::shared_ptr<hf::Volume>&, int) { first = Clock::now(); });
    if (!loaded.errors.empty())
        std::fprintf(stderr, "hounsfield: %zu errors, first: %s\n", loaded.errors.size(), loaded.errors[0].reason.c_str());
    return {seconds(t0, Clock::now()), seconds(t0, first), double(loaded.volume ? loaded.volume->byteCount() : 0)};
}

Result runItk(const std::string& dir)
{
    using Image = itk::Image<short, 3>;
    const auto t0 = Clock::now();
    auto names = itk::GDCMSeriesFileNames::New();
    names->SetDirectory(dir);
    const auto series = names->GetSeriesUIDs();
    if (series.empty())
        return {};
    auto reader = itk::ImageSeriesReader<Image>::New();
    reader->SetImageIO(itk::GDCMImageIO::New());
    reader->SetFileNames(names->GetFileNames(series.front()));
    reader->Update();
    const auto size = reader->GetOutput()->GetLargestPossibleRegion().GetSize();
    return {seconds(t0, Clock::now()), 0, double(size[0] * size[1] * size[2] * sizeof(short))};
}

Result runVtk(const std::string& dir)
{
    const auto t0 = Clock::now();
    vtkNew<vtkDICOMImageReader> reader;
    reader->SetDirectoryName(dir.c_str());
    reader->Update();
    int dims[3];
    reader->GetOutput()->GetDimensions(dims);
    return {seconds(t0, Clock::now()), 0, double(dims[0]) * dims[1] * dims[2] * reader->GetOutput()->GetScalarSize()};
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_load DIR [--mode MODE] [--repeat N]\n");
        return 2;
    }
    hf::silenceGdcmDiagnostics();
    const std::string dir = argv[1];
    std::string mode = "all";
    int repeat = 3;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--mode")
            mode = argv[i + 1];
        else if (std::string(argv[i]) == "--repeat")
            repeat = std::max(1, std::atoi(argv[i + 1]));
    }
    const auto files = filesIn(dir);
    double fileBytes = 0;
    for (const auto& f : files)
        fileBytes += double(std::filesystem::file_size(f));

    const std::map<std::string, std::function<Result()>> modes = {
        {"cat", [&] { return runCat(dir); }},
        {"gdcm", [&] { return runGdcm(files); }},
        {"hounsfield", [&] { return runHounsfield(dir, false); }},
        {"hounsfield-threads", [&] { return runHounsfield(dir, true); }},
        {"itk", [&] { return runItk(dir); }},
        {"vtk", [&] { return runVtk(dir); }},
    };
    runCat(dir);  // warm the page cache
    std::printf("{\"files\": %zu, \"file_bytes\": %.0f, \"results\": [\n", files.size(), fileBytes);
    bool firstLine = true;
    for (const auto& [name, run] : modes) {
        if (mode != "all" && mode != name)
            continue;
        Result best;
        for (int r = 0; r < repeat; ++r) {
            const Result result = run();
            if (r == 0 || result.seconds < best.seconds)
                best = result;
        }
        std::printf("%s  {\"mode\": \"%s\", \"seconds\": %.4f, \"mb_per_s\": %.1f, \"first_slice_s\": %.4f, "
                    "\"voxel_bytes\": %.0f}",
                    firstLine ? "" : ",\n", name.c_str(), best.seconds, fileBytes / best.seconds / 1e6, best.firstSlice,
                    best.voxelBytes);
        firstLine = false;
        std::fflush(stdout);
    }
    std::printf("\n]}\n");
    return 0;
}
