// What images carry to be drawn over themselves: an overlay plane written by pydicom and a
// rectangular display shutter written by DCMTK's dcmodify, read by the scanner and turned into
// the layer the view draws (overlay white, outside the shutter its presentation grey).
#include "PhantomFixture.h"

#include "hf/dicomio/HeaderScanner.h"
#include "hf/dicomio/ImageMarks.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeLoader.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

using namespace hf;
using namespace hf::test;

namespace {

// A phantom image with a filled overlay rectangle (rows 10-20, columns 5-30) and a shutter
// keeping columns 8-56, rows 4-60, grey 40000 outside.
std::string markedImage(const std::string& name)
{
    PhantomOptions o = smallPhantom();
    o.rows = o.columns = 64;
    o.slices = 1;
    const auto folder = scratch(name);
    PhantomWriter(PhantomModel(o)).write(folder.string());
    const std::string file = (folder / "IM0001.dcm").string();
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-overlay.py' '" + file + "' 10 20 5 30").c_str()) == 0);
    REQUIRE(std::system(("dcmodify -nb -q -i \"(0018,1600)=RECTANGULAR\" -i \"(0018,1602)=8\" -i \"(0018,1604)=56\" -i \"(0018,1606)=4\" "
                         "-i \"(0018,1608)=60\" -i \"(0018,1622)=40000\" '" + file + "'").c_str()) == 0);
    return file;
}

std::array<int, 4> pixel(const std::vector<std::uint8_t>& rgba, int columns, int row, int column)  // 1-based
{
    const size_t at = (size_t(row - 1) * size_t(columns) + size_t(column - 1)) * 4;
    return {rgba[at], rgba[at + 1], rgba[at + 2], rgba[at + 3]};
}

} // namespace

TEST_CASE("an overlay plane and a display shutter are read from the image and drawn as the standard says", "[dicomio][overlay]")
{
    const std::string file = markedImage("marks");
    const ScanResult scan = HeaderScanner().scan({file});
    REQUIRE(scan.frames.size() == 1);
    const FrameHeader& h = scan.frames[0];
    REQUIRE(h.overlays.size() == 1);
    const ImageOverlay& o = h.overlays[0];
    CHECK(o.rows == 64);
    CHECK(o.columns == 64);
    CHECK(o.type == "G");
    CHECK(o.description == "test rectangle");
    CHECK(o.originRow == 1);
    int set = 0;
    for (std::uint8_t byte : o.bits)
        for (int b = 0; b < 8; ++b)
            set += (byte >> b) & 1;
    CHECK(set == 11 * 26);
    CHECK(h.shutter.rectangular);
    CHECK(h.shutter.left == 8);
    CHECK(h.shutter.right == 56);
    CHECK(h.shutter.upper == 4);
    CHECK(h.shutter.lower == 60);
    CHECK(h.shutter.presentationValue == 40000);

    const auto layer = imageMarksLayer(h.overlays, h.shutter, 64, 64, 1, true);
    REQUIRE(layer.size() == 64 * 64 * 4);
    CHECK(pixel(layer, 64, 15, 20) == std::array<int, 4>{255, 255, 255, 255});  // in the rectangle
    CHECK(pixel(layer, 64, 30, 30)[3] == 0);                                     // the image itself
    CHECK(pixel(layer, 64, 2, 30) == std::array<int, 4>{156, 156, 156, 255});   // above the shutter: 40000 of 65535, grey 156
    CHECK(pixel(layer, 64, 15, 6) == std::array<int, 4>{156, 156, 156, 255});   // the rectangle's part outside the shutter is blanked
    CHECK(pixel(layer, 64, 61, 30)[3] == 255);
    // Overlays off: only the shutter.
    const auto shutterOnly = imageMarksLayer(h.overlays, h.shutter, 64, 64, 1, false);
    CHECK(pixel(shutterOnly, 64, 15, 20)[3] == 0);
    CHECK(pixel(shutterOnly, 64, 2, 30)[3] == 255);
    // Nothing to draw: nothing at all.
    CHECK(imageMarksLayer({}, DisplayShutter{}, 64, 64, 1, true).empty());
}

TEST_CASE("circular and polygonal shutters keep what is inside them", "[dicomio][overlay]")
{
    DisplayShutter circle;
    circle.circular = true;
    circle.centreRow = 32;
    circle.centreColumn = 32;
    circle.radius = 10;
    const auto c = imageMarksLayer({}, circle, 64, 64, 1, true);
    CHECK(pixel(c, 64, 32, 32)[3] == 0);
    CHECK(pixel(c, 64, 32, 41)[3] == 0);
    CHECK(pixel(c, 64, 32, 44)[3] == 255);
    DisplayShutter triangle;
    triangle.polygonal = true;
    triangle.vertices = {10, 10, 10, 50, 50, 10};  // row, column pairs
    const auto t = imageMarksLayer({}, triangle, 64, 64, 1, true);
    CHECK(pixel(t, 64, 15, 15)[3] == 0);
    CHECK(pixel(t, 64, 45, 45)[3] == 255);
}

TEST_CASE("an overlay plane kept in the pixel data's high bit (retired form) is read, and the pixel values keep their bits", "[dicomio][overlay]")
{
    PhantomOptions o = smallPhantom();
    o.rows = o.columns = 64;
    o.slices = 1;
    const auto folder = scratch("marks-high-bit");
    PhantomWriter(PhantomModel(o)).write(folder.string());
    const std::string file = (folder / "IM0001.dcm").string();
    // pydicom rewrites it: 12-bit values, the rectangle rows 10-20, columns 5-30 in bit 15.
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(
        popen(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-highbit-overlay.py' '" + file + "' 10 20 5 30").c_str(), "r"),
        pclose);
    REQUIRE(pipe);
    char line[64] = {};
    REQUIRE(std::fgets(line, sizeof line, pipe.get()));
    const int storedAtCorner = std::stoi(line);
    pipe.reset();
    const ScanResult scan = HeaderScanner().scan({file});
    REQUIRE(scan.frames.size() == 1);
    const FrameHeader& h = scan.frames[0];
    REQUIRE(h.overlays.size() == 1);
    CHECK(h.overlays[0].description == "high bit rectangle");
    const auto layer = imageMarksLayer(h.overlays, h.shutter, 64, 64, 1, true);
    REQUIRE(layer.size() == 64 * 64 * 4);
    int drawn = 0;
    for (int row = 1; row <= 64; ++row)
        for (int column = 1; column <= 64; ++column) {
            const bool inside = row >= 10 && row <= 20 && column >= 5 && column <= 30;
            const bool white = pixel(layer, 64, row, column) == std::array<int, 4>{255, 255, 255, 255};
            drawn += white;
            CHECK(white == inside);
        }
    CHECK(drawn == 11 * 26);
    // The values under the overlay are the 12 stored bits (rescaled), not the overlay's bit.
    const StudyTree tree = StackBuilder().build(scan.frames);
    REQUIRE(tree.firstStack());
    const LoadResult loaded = VolumeLoader().load(*tree.firstStack());
    REQUIRE(loaded.volume);
    CHECK(loaded.volume->valueAt(4, 9, 0) == Approx(storedAtCorner - 1024));  // column 5, row 10 (1-based)
}

TEST_CASE("one colour layer over another: 'over' compositing with straight alpha", "[dicomio][overlay]")
{
    std::vector<std::uint8_t> below{0, 0, 255, 255, 0, 0, 255, 255, 10, 20, 30, 0};
    const std::vector<std::uint8_t> above{255, 0, 0, 128, 255, 0, 0, 0, 200, 100, 50, 255};
    compositeOver(below.data(), above.data(), below.size());
    // Half red over opaque blue: a purple that stays opaque; transparent over blue: blue; opaque over anything: itself.
    CHECK(std::vector<std::uint8_t>(below.begin(), below.begin() + 4) == std::vector<std::uint8_t>{128, 0, 127, 255});
    CHECK(std::vector<std::uint8_t>(below.begin() + 4, below.begin() + 8) == std::vector<std::uint8_t>{0, 0, 255, 255});
    CHECK(std::vector<std::uint8_t>(below.begin() + 8, below.end()) == std::vector<std::uint8_t>{200, 100, 50, 255});
}
