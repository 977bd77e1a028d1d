// Presentation states of other producers (DCMTK's dcmpsmk, edited with pydicom): layers with
// their colours, graphics and text where they were placed, window and flip; a broken one named.
#include "TestPaths.h"

#include "hf/dicomio/ForeignPresentationState.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

using namespace hf;
using namespace hf::test;

namespace {

const std::string kImage = (corpus() / "highdicom/data/test_files/ct_image.dcm").string();
const std::string kImageSop = "1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322";

std::string madeState(const std::string& name, bool withGraphics)
{
    const std::string ps = (scratch(name) / "ps.dcm").string();
    REQUIRE(std::system(("dcmpsmk '" + kImage + "' '" + ps + "'").c_str()) == 0);
    if (withGraphics)
        REQUIRE(std::system(("/usr/bin/python3 '" + std::string(HF_SOURCE_DIR) + "/tests/objects/add-gsps-graphics.py' '" + ps + "' " + kImageSop).c_str()) == 0);
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
