// Hostile files: every variant ends as a loaded volume or an error naming the file, never a
// crash, hang or runaway allocation. Crashers found by fuzzing live in tests/regression/.
#include "MalformedFiles.h"
#include "PhantomFixture.h"

#include <catch2/catch.hpp>

using namespace hf;
using namespace hf::test;

namespace {

struct Outcome {
    std::vector<FileError> errors;
    bool loaded = false;
};

Outcome scanAndLoad(const std::filesystem::path& path)
{
    Outcome o;
    ScanResult scan = HeaderScanner(1).scan({path.string()});
    o.errors = scan.errors;
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    if (const Stack* stack = tree.firstStack()) {
        const LoadResult loaded = VolumeLoader(1).load(*stack);
        o.errors.insert(o.errors.end(), loaded.errors.begin(), loaded.errors.end());
        o.loaded = loaded.volume != nullptr;
    }
    return o;
}

} // namespace

TEST_CASE("malformed files give errors naming the file and never crash", "[dicomio][badinput]")
{
    PhantomOptions plainOptions = smallPhantom("explicit");
    plainOptions.slices = 1;
    PhantomOptions packedOptions = smallPhantom("jpeg-ls");
    packedOptions.slices = 1;
    const auto plainDir = scratch("malformed-plain-source"), packedDir = scratch("malformed-packed-source");
    PhantomWriter(PhantomModel(plainOptions)).write(plainDir.string());
    PhantomWriter(PhantomModel(packedOptions)).write(packedDir.string());
    const auto variants = malformedVariants(readBytes(plainDir / "IM0001.dcm"), readBytes(packedDir / "IM0001.dcm"));
    REQUIRE(variants.size() > 30);

    const auto dir = scratch("malformed");
    for (const auto& v : variants) {
        DYNAMIC_SECTION(v.name)
        {
            const auto path = dir / (v.name + ".dcm");
            writeBytes(path, v.bytes);
            const Outcome o = scanAndLoad(path);
            // Each problem is reported against this file.
            for (const auto& e : o.errors) {
                REQUIRE(e.file == path.string());
                REQUIRE_FALSE(e.reason.empty());
            }
            if (v.name.rfind("truncated-pixels", 0) == 0 || v.name == "pixel-length-past-end" || v.name == "rows-columns-huge"
                || v.name == "rows-zero" || v.name == "not-dicom" || v.name == "empty" || v.name == "bits-allocated-12"
                || v.name == "rows-columns-huge-encapsulated")
                REQUIRE_FALSE(o.errors.empty());
            if (v.name == "missing-bits-stored" || v.name == "pe-preamble") {
                // Recoverable: Bits Stored defaults to Bits Allocated; the preamble is not part of the data set.
                REQUIRE(o.errors.empty());
                REQUIRE(o.loaded);
            }
        }
    }
}

TEST_CASE("every regression file from fuzzing is handled without a crash", "[dicomio][badinput][regression]")
{
    const auto folder = std::filesystem::path(HF_SOURCE_DIR) / "tests/regression";
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path().extension() == ".md")
            continue;
        ++files;
        DYNAMIC_SECTION(entry.path().filename().string())
        {
            const Outcome o = scanAndLoad(entry.path());
            for (const auto& e : o.errors)
                REQUIRE(e.file == entry.path().string());
        }
    }
    REQUIRE(files > 0);
}
