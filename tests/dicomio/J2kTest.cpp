// JPEG 2000 decoded by OpenJPEG directly (not through GDCM): real files against pydicom's
// values (Pillow's OpenJPEG, with pydicom's sign corrections), a colour file against its
// uncompressed original, damaged codestreams refused with a reason that names the file.
#include "PydicomReference.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

using namespace hf;
using namespace hf::test;

namespace {

const char* modalityValues = "pydicom.pixel_data_handlers.util.apply_modality_lut(a, d)";

std::vector<char> bytesOf(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("JPEG 2000 files decode to pydicom's values", "[dicomio][j2k]")
{
    // Lossy signed CT (.91); lossless MR; Bits Stored 14 in a 16-bit codestream; an unsigned
    // codestream in a file whose Pixel Representation says signed.
    const auto name = GENERATE(as<std::string>(), "JPEG2000.dcm", "MR_small_jp2klossless.dcm", "693_J2KI.dcm",
                               "J2K_pixelrep_mismatch.dcm");
    INFO(name);
    const LoadResult loaded = loadFile(pydicomFiles / name);
    REQUIRE(loaded.errors.empty());
    const std::vector<double> ours = volumeValues(*loaded.volume);
    const std::vector<double> expected = pydicomValues(pydicomFiles / name, modalityValues);
    REQUIRE(ours.size() == expected.size());
    size_t differing = 0;
    for (size_t i = 0; i < ours.size(); ++i)
        differing += ours[i] != expected[i];
    REQUIRE(differing == 0);
    const auto [lo, hi] = std::minmax_element(ours.begin(), ours.end());
    REQUIRE(*lo < *hi);  // not a blank image that happens to agree
}

TEST_CASE("lossless JPEG 2000 gives the uncompressed file's exact values", "[dicomio][j2k]")
{
    const LoadResult j2k = loadFile(pydicomFiles / "MR_small_jp2klossless.dcm");
    const LoadResult native = loadFile(pydicomFiles / "MR_small.dcm");
    REQUIRE(j2k.errors.empty());
    REQUIRE(native.errors.empty());
    REQUIRE(volumeValues(*j2k.volume) == volumeValues(*native.volume));
}

TEST_CASE("colour JPEG 2000 (YBR_RCT) comes out as the original RGB", "[dicomio][j2k]")
{
    // Pillow's OpenJPEG encoder with MCT on (GDCM's keeps RGB without it), wrapped by pydicom.
    const auto original = corpus() / "DICOMHTJ2K/test/fixtures/dicomp10/US1_UNC";
    const auto j2k = scratch("j2k-colour") / "US1_J2KR.dcm";
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/reference/make-j2k-colour.py' '"
                         + original.string() + "' '" + j2k.string() + "'").c_str()) == 0);
    REQUIRE(std::system(("dcmdump +P 0028,0004 '" + j2k.string() + "' | grep -q YBR_RCT").c_str()) == 0);
    const LoadResult ours = loadFile(j2k);
    const LoadResult reference = loadFile(original);
    REQUIRE(ours.errors.empty());
    REQUIRE(reference.errors.empty());
    REQUIRE(ours.volume->type() == VoxelType::Rgb8);
    REQUIRE(ours.volume->sliceBytes() == reference.volume->sliceBytes());
    const auto* a = ours.volume->data();
    const auto* b = reference.volume->data();
    REQUIRE(std::equal(a, a + ours.volume->sliceBytes(), b));
}

TEST_CASE("a damaged JPEG 2000 codestream is refused naming the file and OpenJPEG's reason", "[dicomio][j2k][malformed]")
{
    std::vector<char> bytes = bytesOf(pydicomFiles / "MR_small_jp2klossless.dcm");
    const char soc[] = {char(0xff), char(0x4f), char(0xff), char(0x51)};
    const auto at = std::search(bytes.begin(), bytes.end(), soc, soc + 4);
    REQUIRE(at != bytes.end());
    const size_t start = size_t(at - bytes.begin());
    std::string expected;
    SECTION("a width the header does not have")
    {
        bytes[start + 9] = char(0x01);  // Xsiz 64 -> 65600
        expected = "the JPEG 2000 codestream is 65600x64 but the header says 64x64";
    }
    SECTION("the tile data overwritten")
    {
        for (size_t i = start + 120; i < bytes.size() - 8; i += 5)
            bytes[i] = char(0xff);
        expected = "JPEG 2000 decoder: ";
    }
    const auto damaged = scratch("j2k-damaged") / "MR_small_damaged.dcm";
    std::ofstream(damaged, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    const LoadResult loaded = loadFile(damaged);
    REQUIRE(loaded.errors.size() == 1);
    REQUIRE(loaded.errors[0].file == damaged.string());
    INFO(loaded.errors[0].reason);
    REQUIRE(loaded.errors[0].reason.rfind(expected, 0) == 0);
}
