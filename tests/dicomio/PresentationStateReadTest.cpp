// Presentation states of other producers (DCMTK's dcmpsmk, edited with pydicom): layers with
// their colours, graphics and text where they were placed, window and flip; a broken one named.
#include "TestPaths.h"

#include "hf/dicomio/ForeignPresentationState.h"
#include "hf/dicomio/ImageMarks.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using namespace hf;
using namespace hf::test;

namespace {

const std::string kImage = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
const std::string kImageSop = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";

// mode: add-gsps-graphics.py's (rotate90, display, lut), or "" for its default edits.
std::string madeState(const std::string& name, bool withGraphics, const std::string& mode = "")
{
    const std::string ps = (scratch(name) / "ps.dcm").string();
    REQUIRE(std::system(("dcmpsmk '" + kImage + "' '" + ps + "'").c_str()) == 0);
    if (withGraphics)
        REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-gsps-graphics.py' '" + ps + "' " + kImageSop
                             + " " + mode)
                                .c_str())
                == 0);
    return ps;
}

} // namespace

TEST_CASE("a presentation state's layers, graphics, text, window and flip as its producers wrote them", "[dicomio][gsps]")
{
    const ForeignPresentationState plain = readForeignPresentationState(madeState("gsps-plain", false));
    CHECK(plain.label == "UNNAMED");  // dcmpsmk's default
    REQUIRE(plain.images.size() == 1);
    CHECK(plain.images[0] == kImageSop);
    CHECK(plain.graphics.empty());

    const ForeignPresentationState ps = readForeignPresentationState(madeState("gsps-graphics", true));
    CHECK(ps.label == "READER 2");
    CHECK(ps.manufacturer == "pydicom test");
    REQUIRE(ps.layers.size() == 1);
    CHECK(ps.layers[0].name == "FINDINGS");
    CHECK(int(ps.layers[0].colour[0]) >= 250);  // CIELab of sRGB red
    CHECK(int(ps.layers[0].colour[1]) <= 5);
    REQUIRE(ps.graphics.size() == 2);
    CHECK(ps.graphics[0].type == "POLYLINE");
    CHECK_FALSE(ps.graphics[0].displayUnits);
    REQUIRE(ps.graphics[0].points.size() == 2);
    CHECK(ps.graphics[0].points[1] == std::array<double, 2>{50, 12});
    CHECK(ps.graphics[0].images == std::vector<std::string>{kImageSop});
    CHECK(ps.graphics[1].type == "TEXT");
    CHECK(ps.graphics[1].text == "lesion");
    CHECK(ps.graphics[1].points[0] == std::array<double, 2>{30, 40});
    REQUIRE(ps.window);
    CHECK((*ps.window)[0] == 40);
    CHECK((*ps.window)[1] == 400);
    CHECK(ps.flipHorizontal);
    CHECK(ps.rotation == 0);
}

TEST_CASE("a presentation state whose graphic disagrees with its point count is an error naming the field", "[dicomio][gsps]")
{
    const std::string ps = madeState("gsps-broken", true);
    REQUIRE(std::system(("dcmodify -nb -q -m \"(0070,0001)[0].(0070,0009)[0].(0070,0021)=3\" '" + ps + "'").c_str()) == 0);
    CHECK_THROWS_WITH(readForeignPresentationState(ps), Catch::Contains(ps) && Catch::Contains("Number of Graphic Points (0070,0021)"));
    CHECK_THROWS_WITH(readForeignPresentationState(kImage), Catch::Contains(kImage) && Catch::Contains("not a presentation state"));
}

TEST_CASE("a presentation state's own shutters: geometric, and a bitmap from its overlay plane", "[dicomio][gsps]")
{
    const std::string rectangle = madeState("gsps-rect-shutter", true);
    REQUIRE(std::system(("dcmodify -nb -q -i \"(0018,1600)=RECTANGULAR\" -i \"(0018,1602)=20\" -i \"(0018,1604)=100\" -i \"(0018,1606)=10\" "
                         "-i \"(0018,1608)=90\" '" + rectangle + "'").c_str()) == 0);
    const ForeignPresentationState r = readForeignPresentationState(rectangle);
    CHECK(r.shutter.rectangular);
    CHECK(r.shutter.left == 20);
    CHECK(r.shutter.lower == 90);
    const auto layer = imageMarksLayer({}, r.shutter, 128, 128, 1, true);
    CHECK(layer[(size_t(50) * 128 + 50) * 4 + 3] == 0);    // inside
    CHECK(layer[(size_t(50) * 128 + 5) * 4 + 3] == 255);   // left of it

    const std::string bitmap = madeState("gsps-bitmap-shutter", false);
    REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-gsps-bitmap-shutter.py' '" + bitmap + "' 128 128 16").c_str()) == 0);
    const ForeignPresentationState b = readForeignPresentationState(bitmap);
    REQUIRE(b.shutter.bitmap);
    CHECK(b.shutter.bitmapPlane.group == 0x6002);
    CHECK(b.shutter.presentationValue == 65535);
    const auto blanked = imageMarksLayer({}, b.shutter, 128, 128, 1, true);
    CHECK(blanked[(size_t(5) * 128 + 60) * 4 + 3] == 255);   // row 6: blanked
    CHECK(blanked[(size_t(5) * 128 + 60) * 4] == 255);       // in white (65535)
    CHECK(blanked[(size_t(40) * 128 + 60) * 4 + 3] == 0);    // row 41: shown
}

TEST_CASE("a presentation state's VOI LUT table and Presentation LUT Shape; a table shorter than its descriptor is an error", "[dicomio][gsps]")
{
    const std::string file = madeState("gsps-lut", true, "lut");
    const ForeignPresentationState ps = readForeignPresentationState(file);
    REQUIRE(ps.voiLut.data.size() == 4096);
    CHECK(ps.voiLut.firstMapped == -1024);  // SS descriptor: signed
    CHECK(ps.voiLut.bits == 8);
    CHECK(ps.voiLut.data[1023] == 0);       // -1 HU
    CHECK(ps.voiLut.data[1024] == 255);     // 0 HU
    CHECK(ps.voiLut.explanation == "threshold at 0 HU");
    CHECK(ps.presentationLutShape == "INVERSE");
    // The descriptor asks for more entries than the data holds.
    REQUIRE(std::system(("dcmodify -nb -q -m \"(0028,3110)[0].(0028,3010)[0].(0028,3002)=8000\\-1024\\8\" '" + file + "'").c_str()) == 0);
    CHECK_THROWS_WITH(readForeignPresentationState(file), Catch::Contains(file) && Catch::Contains("LUT Data (0028,3006)"));
}

TEST_CASE("a presentation state's overlay activation: the image's groups it names and its own planes, each on a layer", "[dicomio][gsps]")
{
    const ForeignPresentationState ps = readForeignPresentationState(madeState("gsps-overlay", true, "overlay"));
    REQUIRE(ps.activatedImageOverlays.size() == 1);
    CHECK(ps.activatedImageOverlays[0].group == 0x6000);
    CHECK(ps.activatedImageOverlays[0].layer == "FINDINGS");
    REQUIRE(ps.ownOverlays.size() == 1);
    CHECK(ps.ownOverlays[0].first == "FINDINGS");
    const ImageOverlay& plane = ps.ownOverlays[0].second;
    CHECK(plane.group == 0x6002);
    CHECK(plane.rows == 128);
    CHECK(plane.columns == 128);
    int set = 0;
    for (std::uint8_t byte : plane.bits)
        for (int b = 0; b < 8; ++b)
            set += (byte >> b) & 1;
    CHECK(set == 11 * 21);  // rows 50-60, columns 50-70
}
