// Pixel formats beyond the common ones: RT Dose in its units from any byte order or RLE, our own
// RLE decoder on broken input, Float and Double Float Pixel Data, the Modality LUT Sequence
// (files pydicom makes here from one of its own). Expected values come from pydicom, run here on the same files.
#include "PydicomReference.h"
#include "TestPaths.h"

#include "RleCodec.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

using namespace hf;
using namespace hf::test;

namespace {

std::string decodeRle(const std::vector<std::uint8_t>& frame, const FrameShape& shape)
{
    std::vector<std::byte> out(size_t(shape.columns * shape.rows * shape.samplesPerPixel * shape.bitsAllocated / 8));
    return decodeRleFrame(frame.data(), frame.size(), shape, out.data());
}

std::vector<std::uint8_t> rleHeader(std::initializer_list<std::uint32_t> words)
{
    std::vector<std::uint8_t> bytes(64, 0);
    size_t at = 0;
    for (std::uint32_t w : words) {
        for (int b = 0; b < 4; ++b)
            bytes[at + size_t(b)] = std::uint8_t(w >> (8 * b));
        at += 4;
    }
    return bytes;
}

} // namespace

TEST_CASE("RT Dose is shown in its Dose Units, big endian and RLE giving the little endian file's values", "[dicomio][formats]")
{
    const std::vector<double> expected = pydicomValues(pydicomFiles / "rtdose.dcm", "a * float(d.DoseGridScaling)");
    REQUIRE(expected.size() == 10 * 10 * 15);
    for (const char* name : {"rtdose.dcm", "rtdose_expb.dcm", "rtdose_rle.dcm"}) {
        DYNAMIC_SECTION(name)
        {
            const LoadResult loaded = loadFile(pydicomFiles / name);
            INFO((loaded.errors.empty() ? std::string() : loaded.errors.front().reason));
            REQUIRE(loaded.errors.empty());
            REQUIRE(loaded.volume->valueUnits == "relative");  // Dose Units RELATIVE
            const std::vector<double> got = volumeValues(*loaded.volume);
            REQUIRE(got.size() == expected.size());
            for (size_t i = 0; i < got.size(); ++i)
                REQUIRE(got[i] == Approx(expected[i]).epsilon(1e-6));
        }
    }
    // The single-frame files without Number of Frames, on which Debian's GDCM aborts.
    for (const char* name : {"rtdose_expb_1frame.dcm", "rtdose_rle_1frame.dcm"}) {
        DYNAMIC_SECTION(name)
        {
            const std::vector<double> one = pydicomValues(pydicomFiles / "rtdose_1frame.dcm", "a * float(d.DoseGridScaling)");
            const LoadResult loaded = loadFile(pydicomFiles / name);
            REQUIRE(loaded.errors.empty());
            const std::vector<double> got = volumeValues(*loaded.volume);
            REQUIRE(got.size() == one.size());
            for (size_t i = 0; i < got.size(); ++i)
                REQUIRE(got[i] == Approx(one[i]).epsilon(1e-6));
        }
    }
}

TEST_CASE("RT Dose in GY is shown in Gy", "[dicomio][formats]")
{
    const auto copy = scratch("rtdose-gy") / "rtdose-gy.dcm";
    const std::string command = "/usr/bin/python3 -c \"import pydicom; d=pydicom.dcmread('" + (pydicomFiles / "rtdose_1frame.dcm").string()
                                + "'); d.DoseUnits='GY'; d.save_as('" + copy.string() + "')\"";
    REQUIRE(std::system(command.c_str()) == 0);
    const LoadResult loaded = loadFile(copy);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.volume->valueUnits == "Gy");
    REQUIRE(loaded.volume->valueAt(0, 0, 0) == Approx(1.249));  // 1249000 x 1e-6
}

TEST_CASE("our RLE decoder refuses broken frames by name", "[dicomio][formats][badinput]")
{
    FrameShape shape;
    shape.columns = 4;
    shape.rows = 2;
    shape.bitsAllocated = 16;
    SECTION("a well-formed frame decodes: literal and repeated runs, high byte first")
    {
        std::vector<std::uint8_t> frame = rleHeader({2, 64, 66});
        frame.insert(frame.end(), {0xf9, 0x01});                    // high bytes: 8 x 0x01
        frame.insert(frame.end(), {0x03, 0x10, 0x20, 0x30, 0x40});  // low bytes: 4 literal...
        frame.insert(frame.end(), {0xfd, 0x7f});                    // ...then 4 x 0x7f
        std::vector<std::uint16_t> out(8);
        REQUIRE(decodeRleFrame(frame.data(), frame.size(), shape, reinterpret_cast<std::byte*>(out.data())).empty());
        REQUIRE(out == std::vector<std::uint16_t>{0x0110, 0x0120, 0x0130, 0x0140, 0x017f, 0x017f, 0x017f, 0x017f});
    }
    SECTION("segment count")
    {
        REQUIRE(decodeRle(rleHeader({3, 64, 66, 68}), shape) == "the RLE header declares 3 segments but 1 samples of 16 bits need 2");
    }
    SECTION("offset outside the frame")
    {
        REQUIRE(decodeRle(rleHeader({2, 64, 4000}), shape) == "RLE segment 1 lies outside the frame (offset 64)");
    }
    SECTION("segment too short")
    {
        std::vector<std::uint8_t> frame = rleHeader({2, 64, 66});
        frame.insert(frame.end(), {0xfe, 0x01, 0xf9, 0x02});  // 3 bytes where 8 are needed
        REQUIRE(decodeRle(frame, shape) == "RLE segment 1 ends before Rows x Columns bytes");
    }
    SECTION("shorter than its header")
    {
        REQUIRE(decodeRle({2, 0, 0, 0}, shape) == "the RLE frame is shorter than its 64-byte header");
    }
}

namespace {

// `user`: a scratch folder of its own per test case (ctest runs them side by side).
std::filesystem::path variant(const std::string& kind, const std::string& user = "")
{
    const auto out = scratch("pixel-variant-" + kind + user) / (kind + ".dcm");
    const std::string command = "/usr/bin/python3 '" + (std::filesystem::path(HF_SOURCE_DIR) / "tests/reference/make-pixel-variant.py").string()
                                + "' " + kind + " '" + (pydicomFiles / "CT_small.dcm").string() + "' '" + out.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    return out;
}

void requireSameValues(const Volume& volume, const std::vector<double>& expected)
{
    const std::vector<double> got = volumeValues(volume);
    REQUIRE(got.size() == expected.size());
    REQUIRE(expected.size() == 128 * 128);
    size_t differing = 0;
    for (size_t i = 0; i < got.size(); ++i)
        differing += got[i] != Approx(expected[i]).epsilon(1e-6);
    REQUIRE(differing == 0);
}

} // namespace

TEST_CASE("Float Pixel Data is mapped by its Real World Value Mapping, with its units", "[dicomio][formats]")
{
    const auto file = variant("float32");
    const LoadResult loaded = loadFile(file);
    INFO((loaded.errors.empty() ? std::string() : loaded.errors.front().reason));
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.volume->type() == VoxelType::Float32);
    REQUIRE(loaded.volume->valueUnits == "mm2/s");
    // pydicom reads the floats; the mapping (slope 2, intercept 1) is applied here, from the file.
    const auto mapping = pydicomValues(file, "[float(d.RealWorldValueMappingSequence[0].RealWorldValueSlope), "
                                             "float(d.RealWorldValueMappingSequence[0].RealWorldValueIntercept)]");
    REQUIRE(mapping == std::vector<double>{2.0, 1.0});
    const std::vector<double> floats = pydicomValues(file, "a");
    std::vector<double> expected;
    for (double v : floats)
        expected.push_back(v * mapping[0] + mapping[1]);
    requireSameValues(*loaded.volume, expected);
    // Not the integer image it was made from: values with fractions.
    REQUIRE(std::any_of(expected.begin(), expected.end(), [](double v) { return v != std::floor(v); }));
}

TEST_CASE("Double Float Pixel Data keeps its values", "[dicomio][formats]")
{
    const auto file = variant("float64");
    const LoadResult loaded = loadFile(file);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.volume->type() == VoxelType::Float32);
    REQUIRE(loaded.volume->valueUnits.empty());
    requireSameValues(*loaded.volume, pydicomValues(file, "a"));
}

TEST_CASE("a Modality LUT Sequence maps stored values in place of rescale", "[dicomio][formats]")
{
    const auto file = variant("modality-lut");
    const LoadResult loaded = loadFile(file);
    REQUIRE(loaded.errors.empty());
    const std::vector<double> expected =
        pydicomValues(file, "__import__('pydicom.pixel_data_handlers.util', fromlist=['x']).apply_modality_lut(a, d)");
    requireSameValues(*loaded.volume, expected);
    // Values below First Mapped take the first entry (0), beyond the table the last.
    REQUIRE(*std::min_element(expected.begin(), expected.end()) == 0);
    REQUIRE(*std::max_element(expected.begin(), expected.end()) == double((1499 * 37) % 65536));
}

TEST_CASE("Bits Allocated 1 is unpacked to 0 and 1, frames starting inside a byte included", "[dicomio][formats]")
{
    SECTION("one frame")
    {
        const auto file = variant("1bit");
        const LoadResult loaded = loadFile(file);
        REQUIRE(loaded.errors.empty());
        const std::vector<double> expected = pydicomValues(file, "a");
        requireSameValues(*loaded.volume, expected);
        const double ones = std::count(expected.begin(), expected.end(), 1.0);
        REQUIRE(ones > 0.3 * double(expected.size()));
        REQUIRE(ones < 0.7 * double(expected.size()));
    }
    SECTION("three frames of 25 bits")
    {
        const auto file = variant("1bit-frames");
        const std::vector<double> expected = pydicomValues(file, "a");  // frame after frame
        REQUIRE(expected.size() == 75);
        ScanResult scan = HeaderScanner().scan({file.string()});
        REQUIRE(scan.errors.empty());
        const StudyTree tree = StackBuilder().build(std::move(scan.frames));
        int framesSeen = 0;
        for (const auto& p : tree.patients)
            for (const auto& st : p.studies)
                for (const auto& se : st.series)
                    for (const auto& stack : se.stacks) {
                        const LoadResult loaded = VolumeLoader().load(stack);
                        REQUIRE(loaded.errors.empty());
                        for (int k = 0; k < stack.geometry.slices; ++k) {
                            const int frame = loaded.volume->sliceFrames[size_t(k)] - 1;
                            for (int j = 0; j < 5; ++j)
                                for (int i = 0; i < 5; ++i)
                                    REQUIRE(loaded.volume->valueAt(i, j, k) == expected[size_t(frame * 25 + j * 5 + i)]);
                            ++framesSeen;
                        }
                    }
        REQUIRE(framesSeen == 3);
    }
}

TEST_CASE("16-bit palette colour, plain and segmented, gives pydicom's colours", "[dicomio][formats]")
{
    for (const char* kind : {"palette16", "palette-segmented"}) {
        DYNAMIC_SECTION(kind)
        {
            const auto file = variant(kind);
            const LoadResult loaded = loadFile(file);
            INFO((loaded.errors.empty() ? std::string() : loaded.errors.front().reason));
            REQUIRE(loaded.errors.empty());
            REQUIRE(loaded.volume->type() == VoxelType::Rgb8);
            // Colour is kept at 8 bits a channel: the high byte of pydicom's 16-bit colours.
            const std::vector<double> expected =
                pydicomValues(file, "__import__('pydicom.pixel_data_handlers.util', fromlist=['x']).apply_color_lut(a, d) >> 8");
            REQUIRE(expected.size() == 128 * 128 * 3);
            REQUIRE(loaded.volume->byteCount() == expected.size());
            size_t differing = 0;
            for (size_t i = 0; i < expected.size(); ++i)
                differing += double(std::uint8_t(loaded.volume->data()[i])) != expected[i];
            REQUIRE(differing == 0);
            REQUIRE(*std::max_element(expected.begin(), expected.end()) > 200);  // not a black image
        }
    }
}

TEST_CASE("a malformed segmented palette is refused by name", "[dicomio][formats][badinput]")
{
    const auto file = scratch("palette-segmented-bad") / "bad.dcm";
    const std::string command = "/usr/bin/python3 -c \"import pydicom, numpy; d=pydicom.dcmread('" + variant("palette-segmented", "-malformed").string()
                                + "'); d.SegmentedGreenPaletteColorLookupTableData=numpy.array([1, 100, 7], dtype='<u2').tobytes(); d.save_as('"
                                + file.string() + "')\"";
    REQUIRE(std::system(command.c_str()) == 0);
    const LoadResult loaded = loadFile(file);
    REQUIRE(loaded.errors.size() == 1);
    REQUIRE(loaded.errors[0].reason
            == "Segmented Green Palette Color Lookup Table Data: segmented palette colour table is malformed or gives fewer than its 4096 entries");
}

TEST_CASE("files that still cannot be read say which library refused them and why", "[dicomio][formats][badinput]")
{
    SECTION("a header GDCM aborts on (pydicom's deliberately broken SC_rgb_jpeg.dcm)")
    {
        const ScanResult scan = HeaderScanner().scan({(pydicomFiles / "SC_rgb_jpeg.dcm").string()});
        REQUIRE(scan.errors.size() == 1);
        REQUIRE(scan.errors[0].reason.find("GDCM aborted while reading this file") != std::string::npos);
    }
    SECTION("a JPEG 2000 codestream with a sequence delimiter inside it")
    {
        ScanResult scan = HeaderScanner().scan({(pydicomFiles / "JPEG2000-embedded-sequence-delimiter.dcm").string()});
        REQUIRE(scan.errors.empty());
        const StudyTree tree = StackBuilder().build(std::move(scan.frames));
        const LoadResult loaded = VolumeLoader().load(*tree.firstStack());
        REQUIRE(loaded.errors.size() == 1);
        REQUIRE(loaded.errors[0].reason == "JPEG 2000 decoder: Marker handler function failed to read the marker segment");
    }
}
