// Renders the phantom through the scenes off screen (needs an X display: ctest runs it under
// xvfb-run) and checks the pixels a reader would look at.
#include "OffscreenRender.h"
#include "PhantomFixture.h"

#include "hf/rendering/SliceScene.h"
#include "hf/rendering/VolumeScene.h"

#include <catch2/catch.hpp>

#include <vtkRenderer.h>

#include <cmath>

using namespace hf;
using namespace hf::test;

namespace {

PhantomOptions squarePhantom()
{
    PhantomOptions o;
    o.columns = o.rows = 64;
    o.slices = 16;
    o.columnSpacing = o.rowSpacing = 1.0;
    o.sliceSpacing = 2.0;
    return o;
}

} // namespace

TEST_CASE("the slice view shows the bone sphere white, water grey and air black", "[rendering]")
{
    const LoadedPhantom p = writeAndLoad(squarePhantom(), "render-slice");
    REQUIRE(p.loaded.volume);
    SliceScene scene;
    scene.setVolume(p.loaded.volume);
    const StackGeometry& g = p.loaded.volume->geometry();
    const int k = int(std::lround(g.toIndex({0, 0, p.model.objectPlaneZ()}).z));
    scene.setSlice(k);
    scene.setWindow(0, 2000);  // -1000 -> black, 0 -> mid grey, +1000 -> white
    // 256 px for 64 voxels: 4 px per voxel, image fitted exactly; pixel (x, y) shows voxel (x/4 - 0.5, y/4 - 0.5).
    const Picture pic = render(scene.renderer(), 256, 256);
    auto pixelOf = [&](const Vec3& lps) {
        const Vec3 index = g.toIndex(lps);
        return std::make_pair(int(std::lround((index.x + 0.5) * 4)), int(std::lround((index.y + 0.5) * 4)));
    };
    const auto bone = pixelOf(p.model.sphere("bone").center);
    const auto fat = pixelOf(p.model.sphere("fat").center);
    const auto centre = pixelOf({0, 0.25 * p.model.cylinderRadius(), p.model.objectPlaneZ()});  // water between the objects
    CAPTURE(bone.first, bone.second);
    REQUIRE(pic.gray(bone.first, bone.second) >= 250);
    REQUIRE(pic.gray(centre.first, centre.second) == Approx(128).margin(4));
    REQUIRE(std::abs(pic.gray(fat.first, fat.second) - int(128 - 100 * 255 / 2000.0)) <= 4);
    REQUIRE(pic.gray(3, 3) <= 5);  // air in the corner
    // The bone sphere is on the screen's right: the patient's left, as radiologists read.
    REQUIRE(bone.first > 128);
    REQUIRE(fat.first < 128);
}

TEST_CASE("scrolling to a slice outside the spheres no longer shows them", "[rendering]")
{
    const LoadedPhantom p = writeAndLoad(squarePhantom(), "render-scroll");
    SliceScene scene;
    scene.setVolume(p.loaded.volume);
    scene.setWindow(0, 2000);
    scene.setSlice(0);
    REQUIRE(scene.slice() == 0);
    const Picture pic = render(scene.renderer(), 256, 256);
    const Vec3 index = p.loaded.volume->geometry().toIndex(p.model.sphere("bone").center);
    REQUIRE(pic.gray(int((index.x + 0.5) * 4), int((index.y + 0.5) * 4)) == Approx(128).margin(4));
    scene.setSlice(1000);
    REQUIRE(scene.slice() == 15);
}

TEST_CASE("the 3D bone preset shows the bone sphere and hides water", "[rendering]")
{
    const LoadedPhantom p = writeAndLoad(squarePhantom(), "render-volume");
    VolumeScene scene;
    scene.setVolume(p.loaded.volume);
    REQUIRE(scene.hasVolume());
    const Picture pic = render(scene.renderer(), 200, 200);
    // Background is (0.08, 0.08, 0.1) * 255 ~ 21; the opaque bone sphere and rod are much brighter.
    int bright = 0, background = 0;
    for (int y = 0; y < pic.height; ++y)
        for (int x = 0; x < pic.width; ++x) {
            const int g = pic.gray(x, y);
            bright += g > 100;
            background += g < 30;
        }
    REQUIRE(bright > 200);                      // something solid is drawn
    REQUIRE(background > pic.width * pic.height / 2);  // water (0 HU) is transparent, not a grey disc
    // Seen from the front, the bone sphere (patient's left) is right of centre.
    int brightRight = 0, brightLeft = 0;
    for (int y = 0; y < pic.height; ++y)
        for (int x = 0; x < pic.width; ++x)
            if (pic.gray(x, y) > 100)
                (x > pic.width / 2 ? brightRight : brightLeft)++;
    REQUIRE(brightRight > brightLeft);
}

TEST_CASE("a VOI LUT maps modality values to grey levels instead of a window", "[rendering][voi]")
{
    LoadedPhantom p = writeAndLoad(squarePhantom(), "render-voi");
    auto volume = std::const_pointer_cast<Volume>(p.loaded.volume);
    volume->windows.clear();
    // A step at -50 HU: water white, fat and air black; a window could never do that with fat at -100.
    VoiLut lut;
    lut.firstMapped = -1024;
    lut.bits = 8;
    for (int i = 0; i < 4096; ++i)
        lut.data.push_back(i - 1024 >= -50 ? 255 : 0);
    volume->voiLut = lut;
    SliceScene scene;
    scene.setVolume(volume);
    REQUIRE(scene.usingVoiLut());
    const StackGeometry& g = volume->geometry();
    scene.setSlice(int(std::lround(g.toIndex({0, 0, p.model.objectPlaneZ()}).z)));
    const Picture pic = render(scene.renderer(), 256, 256);
    auto at = [&](const Vec3& lps) {
        const Vec3 i = g.toIndex(lps);
        return pic.gray(int(std::lround((i.x + 0.5) * 4)), int(std::lround((i.y + 0.5) * 4)));
    };
    REQUIRE(at({0, 0.25 * p.model.cylinderRadius(), p.model.objectPlaneZ()}) >= 250);  // water
    REQUIRE(at(p.model.sphere("fat").center) <= 5);
    REQUIRE(pic.gray(3, 3) <= 5);  // air
    REQUIRE(at(p.model.sphere("bone").center) >= 250);  // past the table's end: its last entry
    scene.setWindow(0, 2000);
    REQUIRE_FALSE(scene.usingVoiLut());
}

TEST_CASE("3D: a transfer-function shift, a crop plane and a clipping box remove what they should", "[rendering][3d]")
{
    const LoadedPhantom p = writeAndLoad(squarePhantom(), "render-volume-clip");
    VolumeScene scene;
    scene.setVolume(p.loaded.volume);
    auto brightHalves = [&] {
        const Picture pic = render(scene.renderer(), 200, 200);
        std::pair<int, int> halves{0, 0};  // screen left (patient right), screen right (patient left)
        for (int y = 0; y < pic.height; ++y)
            for (int x = 0; x < pic.width; ++x)
                if (pic.gray(x, y) > 100)
                    (x < pic.width / 2 ? halves.first : halves.second)++;
        return halves;
    };
    const auto full = brightHalves();
    REQUIRE(full.second > 200);  // the bone sphere, on the patient's left
    // Crop away the patient's left half (x > 0): the bone sphere goes.
    scene.addCropPlane({0, 0, 0}, {1, 0, 0});
    REQUIRE(scene.clippingPlaneCount() == 1);
    const auto cropped = brightHalves();
    CHECK(cropped.second < full.second / 4);
    scene.clearClipping();
    CHECK(brightHalves().second == Approx(full.second).epsilon(0.05));
    // A box around the bone sphere only: nothing on the patient's right is left.
    const PhantomSphere& bone = p.model.sphere("bone");
    const Vec3 r{bone.radius + 1, bone.radius + 1, bone.radius + 1};
    scene.setClippingBox(bone.center - r, bone.center + r);
    const auto boxed = brightHalves();
    CHECK(boxed.first < 20);
    CHECK(boxed.second > 100);
    scene.clearClipping();
    // Shifting the bone preset up by 1500 HU leaves only what is denser than the bone sphere.
    scene.setTransferShift(1500);
    CHECK(scene.transferShift() == 1500);
    const auto shifted = brightHalves();
    CHECK(shifted.second < full.second / 4);
}

TEST_CASE("the 3D ruler picks the rendered surface under the mouse and measures between two such points", "[rendering][3d]")
{
    const LoadedPhantom p = writeAndLoad(squarePhantom(), "render-volume-ruler");
    VolumeScene scene;
    scene.setVolume(p.loaded.volume);
    OffscreenView view(scene.renderer(), 300, 300);
    view.capture();  // the camera placed for this size
    const PhantomSphere& bone = p.model.sphere("bone");
    // The view pixel of a patient point (y down).
    auto pixelOf = [&](const Vec3& lps) {
        scene.renderer()->SetWorldPoint(lps.x, lps.y, lps.z, 1);
        scene.renderer()->WorldToDisplay();
        const double* d = scene.renderer()->GetDisplayPoint();
        return std::array<double, 2>{d[0], 300 - 1 - d[1]};
    };
    // Seen from the front (anterior, -y), the ray through the sphere's centre meets its front.
    const auto centre = pixelOf(bone.center);
    const auto front = scene.surfacePoint(centre[0], centre[1]);
    REQUIRE(front);
    const double step = 1.0;  // the phantom's finest spacing: the surface is found within it
    CHECK((*front - (bone.center - Vec3{0, bone.radius, 0})).norm() <= step + 0.5);
    // Half a radius to the patient's left: the sphere's surface further back.
    const Vec3 aside = bone.center + Vec3{0.5 * bone.radius, 0, 0};
    const auto side = scene.surfacePoint(pixelOf(aside)[0], pixelOf(aside)[1]);
    REQUIRE(side);
    const Vec3 expectedSide = aside - Vec3{0, std::sqrt(0.75) * bone.radius, 0};
    CHECK((*side - expectedSide).norm() <= step + 0.5);
    // Water and air alone are clear: nothing there.
    CHECK_FALSE(scene.surfacePoint(3, 3));
    // The ruler between them shows their distance.
    scene.setRuler(std::array<Vec3, 2>{*front, *side});
    REQUIRE(scene.ruler());
    const double truth = (expectedSide - (bone.center - Vec3{0, bone.radius, 0})).norm();
    CHECK(((*scene.ruler())[1] - (*scene.ruler())[0]).norm() == Approx(truth).margin(2 * step + 1));
    const Picture pic = view.capture();
    int yellow = 0;
    for (int y = 0; y < pic.height; ++y)
        for (int x = 0; x < pic.width; ++x) {
            const size_t q = (size_t(y) * size_t(pic.width) + size_t(x)) * 3;
            yellow += pic.rgb[q] > 200 && pic.rgb[q + 1] > 170 && pic.rgb[q + 2] < 120;
        }
    CHECK(yellow > 20);  // the line and its label are drawn
}
