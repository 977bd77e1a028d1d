// Palette colour images come out as RGB through their own tables; out-of-table indices clamp.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <catch2/catch.hpp>

#include <gdcmWriter.h>

#include <cstring>

using namespace hf;
using namespace hf::test;

namespace {

void put(gdcm::DataSet& ds, std::uint16_t g, std::uint16_t e, gdcm::VR vr, std::string value)
{
    if (value.size() % 2)
        value.push_back(vr == gdcm::VR::UI ? '\0' : ' ');
    gdcm::DataElement de(gdcm::Tag(g, e));
    de.SetVR(vr);
    de.SetByteValue(value.data(), std::uint32_t(value.size()));
    ds.Replace(de);
}

std::string words(const std::vector<std::uint16_t>& values)
{
    std::string s(values.size() * 2, '\0');
    std::memcpy(s.data(), values.data(), s.size());
    return s;
}

// A 4x4 8-bit palette image with indices 0..15, except the last pixel (200, past the table).
void writePaletteImage(const std::filesystem::path& path, bool shortTable)
{
    gdcm::Writer writer;
    gdcm::DataSet& ds = writer.GetFile().GetDataSet();
    put(ds, 0x0008, 0x0016, gdcm::VR::UI, "1.2.840.10008.5.1.4.1.1.7");
    put(ds, 0x0008, 0x0018, gdcm::VR::UI, "2.25.1111");
    put(ds, 0x0008, 0x0060, gdcm::VR::CS, "OT");
    put(ds, 0x0010, 0x0020, gdcm::VR::LO, "PAL");
    put(ds, 0x0020, 0x000d, gdcm::VR::UI, "2.25.2222");
    put(ds, 0x0020, 0x000e, gdcm::VR::UI, "2.25.3333");
    put(ds, 0x0028, 0x0002, gdcm::VR::US, words({1}));
    put(ds, 0x0028, 0x0004, gdcm::VR::CS, "PALETTE COLOR");
    put(ds, 0x0028, 0x0010, gdcm::VR::US, words({4}));
    put(ds, 0x0028, 0x0011, gdcm::VR::US, words({4}));
    put(ds, 0x0028, 0x0100, gdcm::VR::US, words({8}));
    put(ds, 0x0028, 0x0101, gdcm::VR::US, words({8}));
    put(ds, 0x0028, 0x0102, gdcm::VR::US, words({7}));
    put(ds, 0x0028, 0x0103, gdcm::VR::US, words({0}));
    std::vector<std::uint16_t> red, green, blue;
    for (std::uint16_t i = 0; i < 16; ++i) {
        red.push_back(std::uint16_t(i * 4096));
        green.push_back(std::uint16_t(65535 - i * 4096));
        blue.push_back(0x8000);
    }
    if (shortTable)
        blue.resize(8);
    for (int c = 0; c < 3; ++c) {
        put(ds, 0x0028, std::uint16_t(0x1101 + c), gdcm::VR::US, words({16, 0, 16}));
        put(ds, 0x0028, std::uint16_t(0x1201 + c), gdcm::VR::OW, words(c == 0 ? red : c == 1 ? green : blue));
    }
    std::string pixels;
    for (int i = 0; i < 15; ++i)
        pixels.push_back(char(i));
    pixels.push_back(char(200));
    put(ds, 0x7fe0, 0x0010, gdcm::VR::OB, pixels);
    writer.GetFile().GetHeader().SetDataSetTransferSyntax(gdcm::TransferSyntax::ExplicitVRLittleEndian);
    writer.SetFileName(path.string().c_str());
    REQUIRE(writer.Write());
}

LoadResult load(const std::filesystem::path& path)
{
    ScanResult scan = HeaderScanner().scan({path.string()});
    REQUIRE(scan.errors.empty());
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    REQUIRE(tree.firstStack());
    return VolumeLoader().load(*tree.firstStack());
}

} // namespace

TEST_CASE("palette colour maps every index through its tables", "[dicomio][colour]")
{
    const auto path = scratch("palette") / "palette.dcm";
    writePaletteImage(path, false);
    const LoadResult loaded = load(path);
    REQUIRE(loaded.errors.empty());
    REQUIRE(loaded.volume->type() == VoxelType::Rgb8);
    const std::byte* rgb = loaded.volume->data();
    for (int i = 0; i < 16; ++i) {
        const int index = i == 15 ? 15 : i;  // 200 is past the 16-entry table: the last entry
        CAPTURE(i);
        REQUIRE(int(rgb[3 * i]) == index * 16);
        REQUIRE(int(rgb[3 * i + 1]) == 255 - index * 16);
        REQUIRE(int(rgb[3 * i + 2]) == 128);
    }
}

TEST_CASE("a palette table shorter than its descriptor is an error, not a read past its end", "[dicomio][colour][badinput]")
{
    const auto path = scratch("palette-short") / "palette.dcm";
    writePaletteImage(path, true);
    const LoadResult loaded = load(path);
    REQUIRE(loaded.errors.size() == 1);
    REQUIRE(loaded.errors[0].file == path.string());
    REQUIRE(loaded.errors[0].reason.find("Blue Palette Color Lookup Table Data holds 8 entries") != std::string::npos);
}
