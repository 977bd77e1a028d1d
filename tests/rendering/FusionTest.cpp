// Fusion and the rotating MIP on volumes built here: the overlay is sampled trilinearly in
// patient space onto another grid, coloured through the table within its window, transparent
// below it and outside; the MIP's frames hold each ray's maximum and where along the ray it lay.
#include "hf/dicomio/Volume.h"
#include "hf/rendering/ColourTable.h"
#include "hf/rendering/FusionLayer.h"
#include "hf/rendering/RotatingMip.h"
#include "hf/rendering/SliceScene.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hf;

namespace {

// 10 x 10 x 10 voxels of 2 mm from (0, 0, 0); each voxel's value is its column index.
std::shared_ptr<Volume> ramp()
{
    StackGeometry g;
    g.columns = g.rows = g.slices = 10;
    g.columnSpacing = g.rowSpacing = g.sliceSpacing = 2;
    g.sliceStep = {0, 0, 2};
    auto v = std::make_shared<Volume>(g, VoxelType::Float32, Volume::Memory::Private);
    auto* p = reinterpret_cast<float*>(v->data());
    for (size_t n = 0; n < g.voxelCount(); ++n)
        p[n] = float(n % 10);
    return v;
}

} // namespace

TEST_CASE("a colour table interpolates between its stops", "[rendering][fusion]")
{
    const ColourTable jet("Jet", {{0.0, 0, 0, 128}, {0.125, 0, 0, 255}, {0.375, 0, 255, 255}, {0.625, 255, 255, 0}, {0.875, 255, 0, 0}, {1.0, 128, 0, 0}});
    CHECK(jet.at(0) == std::array<std::uint8_t, 3>{0, 0, 128});
    CHECK(jet.at(1) == std::array<std::uint8_t, 3>{128, 0, 0});
    CHECK(jet.at(-3) == jet.at(0));
    const auto middle = jet.at(0.5);  // halfway from cyan to yellow
    CHECK(std::abs(middle[0] - 128) <= 2);
    CHECK(middle[1] == 255);
    CHECK(std::abs(middle[2] - 127) <= 2);
    const ColourTable grey;
    CHECK(grey.name() == "Grey");
    CHECK(grey.at(0.5)[0] == grey.at(0.5)[2]);
}

TEST_CASE("the fused overlay is sampled in patient space, windowed and coloured", "[rendering][fusion]")
{
    const auto overlay = ramp();
    // Between voxel centres the value is interpolated: x = 3 mm is column 1.5.
    CHECK(*fusedValueAt(*overlay, {3, 5, 5}) == Approx(1.5));
    CHECK(*fusedValueAt(*overlay, {18.9, 0, 0}) == Approx(9));  // held to the edge within half a voxel
    CHECK_FALSE(fusedValueAt(*overlay, {-1.5, 5, 5}));
    CHECK_FALSE(fusedValueAt(*overlay, {5, 5, 20}));

    // A plane of 1 mm pixels along x at z = 4, from x = -2 mm (outside) to 21 mm (outside).
    SlicePlane plane;
    plane.origin = {-2, 6, 4};
    plane.columns = 24;
    plane.rows = 1;
    FusionLook look;
    look.lower = 2;
    look.upper = 8;
    look.opacity = 0.4;
    const auto rgba = fusionLayer(*overlay, plane, look);
    REQUIRE(rgba.size() == 24 * 4);
    const auto pixel = [&](int column) { return &rgba[size_t(column) * 4]; };
    CHECK(pixel(0)[3] == 0);    // x = -2: outside the overlay
    CHECK(pixel(6)[3] == 0);    // x = 4: value 2, the window's lower end: transparent
    CHECK(pixel(12)[3] == 102); // x = 10: value 5, drawn at 40%
    CHECK(std::abs(pixel(12)[0] - 128) <= 1);  // grey, halfway up the window
    CHECK(pixel(18)[0] == 255); // x = 16: value 8, the top
    CHECK(pixel(23)[3] == 0);   // x = 21: outside
}

TEST_CASE("SUV is what a PET overlay is windowed in", "[rendering][fusion]")
{
    auto overlay = ramp();
    overlay->petValues = true;
    overlay->suv.ok = true;
    overlay->suv.factor = 0.5;
    overlay->suv.kind = "SUVbw";
    CHECK(fusionDisplayScale(*overlay) == 0.5);
    CHECK(*fusedValueAt(*overlay, {12, 5, 5}) == Approx(3));  // column 6 at half
    const FusionLook look = defaultFusionLook(*overlay, ColourTable());
    CHECK(look.lower == 0);
    CHECK(look.upper == 5);
}

TEST_CASE("the rotating MIP keeps each ray's hottest value and where it lay", "[rendering][mip]")
{
    auto volume = ramp();
    auto* p = reinterpret_cast<float*>(volume->data());
    std::fill(p, p + volume->voxelCount(), 1.0f);
    // One hot voxel at column 7, row 2, slice 5: (14, 4, 10) mm.
    p[(5 * 10 + 2) * 10 + 7] = 100;
    const auto mip = RotatingMip::make(*volume, 4, nullptr, 2);
    REQUIRE(mip);
    const Volume& frames = *mip->frames();
    CHECK(frames.geometry().slices == 4);
    CHECK_FALSE(frames.hasPatientGeometry);
    for (int frame = 0; frame < 4; ++frame) {
        INFO("frame " << frame << " at " << mip->degrees(frame) << " degrees");
        // The brightest pixel of the frame is the hot voxel, and its depth puts it back there.
        const StackGeometry& g = frames.geometry();
        int bestI = 0, bestJ = 0;
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i)
                if (frames.valueAt(i, j, frame) > frames.valueAt(bestI, bestJ, frame))
                    bestI = i, bestJ = j;
        CHECK(frames.valueAt(bestI, bestJ, frame) == 100);
        const auto hottest = mip->hottestPoint(bestI, bestJ, frame);
        REQUIRE(hottest);
        CHECK((*hottest - Vec3{14, 4, 10}).norm() <= 2.0);
    }
    // From the front (frame 0) the patient's left (+x) is on the right: the hot voxel right of centre.
    CHECK(mip->right(0).x == Approx(1));
    CHECK(mip->towards(0).y == Approx(1));
    CHECK(hottestVoxelNear(*volume, {12, 6, 9}, 5).x == 14);
}

TEST_CASE("emptying a colour layer that is not there leaves the others as they are put together", "[rendering][fusion]")
{
    // Scrolling asks every source (fusion, segments, the image's marks) for its layer on every
    // slice; the ones with nothing must not make the scene put the layers together again.
    auto volume = ramp();
    SliceScene scene;
    scene.setVolume(volume);
    const int before = scene.labelCompositions();
    scene.setLabelLayer(1, std::vector<std::uint8_t>(10 * 10 * 4, 200));
    CHECK(scene.labelCompositions() == before + 1);
    scene.setLabelLayer(-1, {});  // no fusion, nothing to do
    scene.setLabelLayer(0, {});   // no segments either
    CHECK(scene.labelCompositions() == before + 1);
    CHECK(scene.hasLabelLayer());
    scene.setLabelLayer(1, {});  // the marks go: put together (as none)
    CHECK(scene.labelCompositions() == before + 2);
    CHECK_FALSE(scene.hasLabelLayer());
}
