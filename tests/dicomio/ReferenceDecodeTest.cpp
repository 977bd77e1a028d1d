// Every image in the corpus and in pydicom's test files that DCMTK or pydicom can decode: our
// decoded modality values agree with theirs, computed here by tests/reference/make-expectations.py.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

using namespace hf;
using namespace hf::test;

namespace {

struct Expected {
    std::string file, transferSyntax;
    int frames, rows, columns, samples, bitsAllocated;
    double min, max, mean;
    bool lossy() const { return transferSyntax == "1.2.840.10008.1.2.4.50" || transferSyntax == "1.2.840.10008.1.2.4.51"; }
};

std::vector<Expected> readExpectations()
{
    const auto tsv = scratch("reference-decode") / "decoded-stats.tsv";
    const std::string command = "/usr/bin/python3 '" + (std::filesystem::path(HF_SOURCE_DIR) / "tests/reference/make-expectations.py").string()
                                + "' '" + corpus().string() + "' /usr/lib/python3/dist-packages/pydicom/data/test_files > '" + tsv.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(tsv);
    std::vector<Expected> rows;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::istringstream s(line);
        Expected e;
        s >> e.file >> e.transferSyntax >> e.frames >> e.rows >> e.columns >> e.samples >> e.bitsAllocated >> e.min >> e.max >> e.mean;
        rows.push_back(e);
    }
    return rows;
}

std::filesystem::path resolve(const std::string& file)
{
    if (file.rfind("corpus/", 0) == 0)
        return corpus().parent_path() / file;
    return std::filesystem::path("/usr/lib/python3/dist-packages/pydicom/data") / file;
}

} // namespace

TEST_CASE("decoded values match DCMTK + pydicom for every reference image", "[dicomio][corpus][reference]")
{
    static const auto expectations = readExpectations();  // once: Catch runs the case again for each section
    REQUIRE(expectations.size() > 100);
    for (const auto& e : expectations) {
        DYNAMIC_SECTION(e.file)
        {
            const auto path = resolve(e.file);
            REQUIRE(std::filesystem::exists(path));  // python3-pydicom is installed by scripts/setup-debian.sh
            ScanResult scan = HeaderScanner(1).scan({path.string()});
            REQUIRE(scan.errors.empty());
            const StudyTree tree = StackBuilder().build(std::move(scan.frames));
            double lo = INFINITY, hi = -INFINITY, sum = 0;
            size_t count = 0;
            int frames = 0;
            for (const auto& p : tree.patients)
                for (const auto& st : p.studies)
                    for (const auto& se : st.series)
                        for (const auto& stack : se.stacks) {
                            const LoadResult loaded = VolumeLoader(1).load(stack);
                            INFO((loaded.errors.empty() ? std::string() : loaded.errors.front().reason));
                            REQUIRE(loaded.errors.empty());
                            REQUIRE(loaded.volume->geometry().rows == e.rows);
                            REQUIRE(loaded.volume->geometry().columns == e.columns);
                            REQUIRE(loaded.volume->components() == e.samples);
                            const VolumeStatistics s = computeStatistics(*loaded.volume);
                            lo = std::min(lo, s.min);
                            hi = std::max(hi, s.max);
                            sum += s.mean * double(s.count);
                            count += s.count;
                            frames += stack.geometry.slices;
                        }
            REQUIRE(frames == e.frames);
            // Colour is kept at its full depth (16- and 32-bit RGB too).
            const double expectedMin = e.min, expectedMax = e.max, expectedMean = e.mean;
            // Lossy JPEG: two IJG-derived decoders may round and upsample colour differently.
            const double tolerance = e.lossy() ? 32 : 1e-4 * std::max({1.0, std::abs(e.min), std::abs(e.max)});
            const double meanTolerance = e.lossy() ? 1.0 : 1e-6;
            CHECK(lo == Approx(expectedMin).margin(tolerance));
            CHECK(hi == Approx(expectedMax).margin(tolerance));
            CHECK(sum / double(count) == Approx(expectedMean).epsilon(1e-5).margin(meanTolerance));
        }
    }
}
