// Lookup tables in files: palette colour (to RGB; out-of-table indices clamp) and VOI LUTs.
#include "TestPaths.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/VolumeLoader.h"

#include <catch2/catch.hpp>

#include <gdcmReader.h>
#include <gdcmSequenceOfItems.h>
#include <gdcmWriter.h>

#include "hf/dicomio/PhantomWriter.h"

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

TEST_CASE("the first VOI LUT of a file is read with its descriptor", "[dicomio][voi]")
{
    // A phantom slice with a VOI LUT Sequence added: 8-bit entries from -1024 on.
    PhantomOptions o;
    o.columns = o.rows = 16;
    o.slices = 1;
    const auto dir = scratch("voi-source");
    PhantomWriter(PhantomModel(o)).write(dir.string());
    gdcm::Reader reader;
    reader.SetFileName((dir / "IM0001.dcm").string().c_str());
    REQUIRE(reader.Read());
    gdcm::DataSet item;
    put(item, 0x0028, 0x3002, gdcm::VR::SS, words({4096, std::uint16_t(-1024), 8}));
    put(item, 0x0028, 0x3003, gdcm::VR::LO, "STEP");
    std::vector<std::uint16_t> data;
    for (int i = 0; i < 4096; ++i)
        data.push_back(i < 1000 ? 0 : 255);
    put(item, 0x0028, 0x3006, gdcm::VR::OW, words(data));
    gdcm::SmartPointer<gdcm::SequenceOfItems> sequence = new gdcm::SequenceOfItems;
    gdcm::Item entry;
    entry.SetNestedDataSet(item);
    sequence->AddItem(entry);
    gdcm::DataElement voi(gdcm::Tag(0x0028, 0x3010));
    voi.SetVR(gdcm::VR::SQ);
    voi.SetValue(*sequence);
    voi.SetVLToUndefined();
    reader.GetFile().GetDataSet().Replace(voi);
    const auto path = scratch("voi") / "voi.dcm";
    gdcm::Writer writer;
    writer.SetFile(reader.GetFile());
    writer.SetFileName(path.string().c_str());
    REQUIRE(writer.Write());

    const LoadResult loaded = load(path);
    REQUIRE(loaded.errors.empty());
    const VoiLut& lut = loaded.volume->voiLut;
    REQUIRE(lut.firstMapped == -1024);
    REQUIRE(lut.bits == 8);
    REQUIRE(lut.data.size() == 4096);
    REQUIRE(lut.data[999] == 0);
    REQUIRE(lut.data[1000] == 255);
    REQUIRE(lut.explanation == "STEP");
}
