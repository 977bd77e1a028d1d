// Real files from ../shared/corpus: geometry warnings, every transfer syntax to the same values.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>

using namespace hf;
using namespace hf::test;

namespace {

LoadResult loadOne(const std::filesystem::path& path, StudyTree& tree)
{
    ScanResult scan = HeaderScanner().scan({path.string()});
    REQUIRE(scan.errors.empty());
    tree = StackBuilder().build(std::move(scan.frames));
    REQUIRE(tree.firstStack());
    return VolumeLoader().load(*tree.firstStack());
}

bool contains(const std::vector<std::string>& warnings, const std::string& start)
{
    for (const auto& w : warnings)
        if (w.rfind(start, 0) == 0)
            return true;
    return false;
}

} // namespace

TEST_CASE("the nine dcm_qa_ts transfer syntaxes decode to identical values", "[dicomio][corpus]")
{
    StudyTree referenceTree;
    const LoadResult reference = loadOne(corpus() / "dcm_qa_ts/In/1.dcm", referenceTree);
    REQUIRE(reference.errors.empty());
    REQUIRE(reference.volume->geometry().columns == 384);
    for (int n = 2; n <= 9; ++n) {
        DYNAMIC_SECTION("file " << n)
        {
            StudyTree tree;
            const LoadResult other = loadOne(corpus() / "dcm_qa_ts/In" / (std::to_string(n) + ".dcm"), tree);
            REQUIRE(other.errors.empty());
            REQUIRE(other.volume->type() == reference.volume->type());
            REQUIRE(other.volume->byteCount() == reference.volume->byteCount());
            REQUIRE(std::memcmp(other.volume->data(), reference.volume->data(), reference.volume->byteCount()) == 0);
        }
    }
}

TEST_CASE("the GE head CT reports gantry tilt and uneven spacing", "[dicomio][corpus][geometry]")
{
    ScanResult scan = HeaderScanner().scan({(corpus() / "dcm_qa_ct/In/GE").string()});
    REQUIRE(scan.errors.empty());
    REQUIRE(scan.frames.size() == 28);
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    const Stack& stack = *tree.firstStack();
    REQUIRE(stack.geometry.slices == 28);
    REQUIRE(stack.gantryTilted);
    REQUIRE(contains(stack.warnings, "gantry tilt 18.5 deg"));
    REQUIRE(stack.unevenSpacing);
    REQUIRE(contains(stack.warnings, "uneven spacing 1.08.."));
    // Sorted along the normal: positions increase monotonically.
    for (size_t k = 1; k < stack.slices.size(); ++k)
        REQUIRE(stack.slices[k].position.dot(stack.geometry.normal) > stack.slices[k - 1].position.dot(stack.geometry.normal));
    const LoadResult loaded = VolumeLoader().load(stack);
    REQUIRE(loaded.errors.empty());
    const VolumeStatistics stats = computeStatistics(*loaded.volume);
    REQUIRE(stats.min >= -3024);
    REQUIRE(stats.max > 1000);   // skull
    REQUIRE(stats.mean < -300);  // mostly air around the head
}

TEST_CASE("a non-DICOM file is an error naming the file, and the rest still loads", "[dicomio][badinput]")
{
    const auto dir = scratch("mixed");
    std::filesystem::copy(corpus() / "dcm_qa_ts/In/1.dcm", dir / "good.dcm");
    {
        std::ofstream junk(dir / "notes.txt");
        junk << std::string(4096, 'x');
    }
    ScanResult scan = HeaderScanner().scan({dir.string()});
    REQUIRE(scan.filesSeen == 2);
    REQUIRE(scan.frames.size() == 1);
    REQUIRE(scan.errors.size() == 1);
    REQUIRE(scan.errors[0].file == (dir / "notes.txt").string());
    REQUIRE(scan.errors[0].reason.find("not a DICOM file") != std::string::npos);
}

TEST_CASE("a truncated file gives a decode error, not a crash", "[dicomio][badinput]")
{
    const auto dir = scratch("truncated");
    const auto source = corpus() / "dcm_qa_ts/In/1.dcm";
    std::ifstream in(source, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    {
        std::ofstream out(dir / "half.dcm", std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size() / 2));
    }
    ScanResult scan = HeaderScanner().scan({dir.string()});
    StudyTree tree = StackBuilder().build(std::move(scan.frames));
    if (const Stack* stack = tree.firstStack()) {
        const LoadResult loaded = VolumeLoader().load(*stack);
        REQUIRE(loaded.errors.size() == 1);
        REQUIRE(loaded.errors[0].file == (dir / "half.dcm").string());
    } else {
        REQUIRE(scan.errors.size() == 1);
    }
}

TEST_CASE("a DICOMDIR brings in the files it lists, matching names regardless of case", "[dicomio][dicomdir]")
{
    const auto pydicomDirs = std::filesystem::path("/usr/lib/python3/dist-packages/pydicom/data/test_files/dicomdirtests");
    // Copy the medium with lower-case names, as a Linux mount of a CD may show them.
    const auto medium = scratch("dicomdir-medium");
    size_t images = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(pydicomDirs)) {
        const auto relative = std::filesystem::relative(entry.path(), pydicomDirs);
        if (relative.begin()->string() == "TINY_ALPHA" || relative.string().find("DICOMDIR-") != std::string::npos
            || relative.extension() == ".txt")
            continue;
        std::string lower = relative.string();
        if (relative.string() != "DICOMDIR")
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (entry.is_directory()) {
            std::filesystem::create_directories(medium / lower);
        } else {
            std::filesystem::copy_file(entry.path(), medium / lower);
            images += relative.string() != "DICOMDIR";
        }
    }
    ScanResult viaDicomDir = HeaderScanner().scan({(medium / "DICOMDIR").string()});
    REQUIRE(viaDicomDir.errors.empty());
    REQUIRE(viaDicomDir.filesSeen == images + 1);
    REQUIRE(viaDicomDir.frames.size() == images);
    const StudyTree tree = StackBuilder().build(std::move(viaDicomDir.frames));
    REQUIRE(tree.patients.size() == 2);
    // The whole medium (DICOMDIR and the files it lists): every image once.
    const ScanResult viaFolder = HeaderScanner().scan({medium.string()});
    REQUIRE(viaFolder.frames.size() == images);
    REQUIRE(viaFolder.filesSeen == images + 1);

    // The same medium without its image files: every missing entry is reported against the DICOMDIR.
    const auto empty = scratch("dicomdir-missing");
    std::filesystem::copy_file(medium / "DICOMDIR", empty / "DICOMDIR");
    const ScanResult missing = HeaderScanner().scan({(empty / "DICOMDIR").string()});
    REQUIRE(missing.frames.empty());
    REQUIRE(missing.errors.size() == images);
    REQUIRE(missing.errors[0].file == (empty / "DICOMDIR").string());
    REQUIRE(missing.errors[0].reason.find("not on the medium") != std::string::npos);
}
