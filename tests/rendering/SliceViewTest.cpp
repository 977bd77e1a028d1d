// The 2D view's presentation: rotations and flips move the orientation letters and the image
// together, the probe and the drawing position agree, zoom is what it says, and the overlay
// never overlaps itself however small the view.
#include "OffscreenRender.h"
#include "PhantomFixture.h"

#include "hf/dicomio/AutoWindow.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/MprScene.h"
#include "hf/rendering/SliceScene.h"

#include <catch2/catch.hpp>

#include <vtkTextActor.h>

#include <cmath>
#include <cstring>

using namespace hf;
using namespace hf::test;

namespace {

LoadedPhantom& phantom()
{
    static LoadedPhantom p = [] {
        PhantomOptions o;
        o.columns = o.rows = 64;
        o.slices = 16;
        o.sliceSpacing = 2.0;
        return writeAndLoad(o, "slice-view-phantom");
    }();
    return p;
}

int objectSlice(const LoadedPhantom& p)
{
    return int(std::lround(p.loaded.volume->geometry().toIndex({0, 0, p.model.objectPlaneZ()}).z));
}

int grayAt(const Picture& picture, const std::array<double, 2>& xy)
{
    return picture.gray(int(std::lround(xy[0])), int(std::lround(xy[1])));
}

} // namespace

TEST_CASE("the view state composes rotations and flips of the screen axes", "[rendering][view]")
{
    SliceViewState s;
    CHECK(s.screenRight() == ImageAxes2{1, 0});
    CHECK(s.screenUp() == ImageAxes2{0, -1});
    s.rotateClockwise();
    // The image's top (row 0 direction) now points right; its left points up.
    CHECK(s.screenRight() == ImageAxes2{0, -1});
    CHECK(s.screenUp() == ImageAxes2{-1, 0});
    s.rotateCounterClockwise();
    CHECK(s.screenRight() == ImageAxes2{1, 0});
    for (int i = 0; i < 4; ++i)
        s.rotateClockwise();
    CHECK(s.screenRight() == ImageAxes2{1, 0});
    CHECK(s.screenUp() == ImageAxes2{0, -1});
    s.flipHorizontal();
    CHECK(s.screenRight() == ImageAxes2{-1, 0});
    s.flipVertical();
    CHECK(s.screenUp() == ImageAxes2{0, 1});
    s.setZoom(1000);
    CHECK(s.zoom() == 64);
    s.resetOrientation();
    s.resetZoomAndPan();
    CHECK(s.screenRight() == ImageAxes2{1, 0});
    CHECK(s.zoom() == 1);
}

TEST_CASE("rotating and flipping move the letters and the image together", "[rendering][view]")
{
    const LoadedPhantom& p = phantom();
    REQUIRE(p.loaded.volume);
    SliceScene scene;
    scene.setVolume(p.loaded.volume);
    scene.setSlice(objectSlice(p));
    scene.setWindow(0, 2000);
    OffscreenView view(scene.renderer(), 300, 240);
    const Vec3 bone = p.model.sphere("bone").center;

    struct Step {
        const char* what;
        std::function<void()> apply;
        std::array<std::string, 4> labels;  // left, right, top, bottom
        int boneSide;                       // where the bone sphere (patient left) is: 0 L, 1 R, 2 T, 3 B
    };
    const std::vector<Step> steps{
        {"as stored", [] {}, {"R", "L", "A", "P"}, 1},
        {"rotated clockwise", [&] { scene.rotateClockwise(); }, {"P", "A", "R", "L"}, 3},
        {"rotated back and flipped left-right", [&] { scene.rotateCounterClockwise(); scene.flipHorizontal(); }, {"L", "R", "A", "P"}, 0},
        {"flipped top-bottom too", [&] { scene.flipVertical(); }, {"L", "R", "P", "A"}, 0},
        {"reset", [&] { scene.resetView(); }, {"R", "L", "A", "P"}, 1},
    };
    for (const Step& step : steps) {
        INFO(step.what);
        step.apply();
        CHECK(scene.sideLabels() == step.labels);
        CHECK(scene.overlay().sideLabel(SliceOverlay::Top) == step.labels[2]);
        const Picture picture = view.capture();
        const auto xy = scene.viewPosition(bone);
        CHECK(grayAt(picture, xy) >= 250);  // the sphere is drawn where the scene says it is
        const double dx = xy[0] - 150, dy = xy[1] - 120;
        const int side = std::abs(dx) > std::abs(dy) ? (dx < 0 ? 0 : 1) : (dy < 0 ? 2 : 3);
        CHECK(side == step.boneSide);
    }
}

TEST_CASE("the probe reads the modality value and patient position under a view pixel", "[rendering][view]")
{
    const LoadedPhantom& p = phantom();
    SliceScene scene;
    scene.setVolume(p.loaded.volume);
    scene.setSlice(objectSlice(p));
    OffscreenView view(scene.renderer(), 320, 320);
    view.capture();
    for (double zoom : {1.0, 2.5}) {
        scene.setZoom(zoom);
        scene.panByPixels(10, -7);
        for (const char* name : {"bone", "fat", "contrast"}) {
            INFO(name << " at zoom " << zoom);
            const auto& sphere = p.model.sphere(name);
            const auto xy = scene.viewPosition(sphere.center);
            const auto probe = scene.probe(xy[0], xy[1]);
            REQUIRE(probe);
            CHECK(probe->value == sphere.value);
            CHECK(probe->k == objectSlice(p));
            // Within half a screen pixel of the point asked for.
            CHECK((probe->patient - sphere.center).norm() <= scene.millimetresPerPixel());
        }
    }
    // Outside the image: nothing.
    scene.resetView();
    scene.setZoom(0.5);
    CHECK_FALSE(scene.probe(2, 2));
}

TEST_CASE("zoom: fit shows the whole slice, actual pixels shows one pixel per screen pixel", "[rendering][view]")
{
    const LoadedPhantom& p = phantom();
    SliceScene scene;
    scene.setVolume(p.loaded.volume);
    OffscreenView view(scene.renderer(), 400, 200);
    view.capture();
    // 64 mm in 200 pixels of height (the narrower fit).
    CHECK(scene.millimetresPerPixel() == Approx(64.0 / 200));
    scene.zoomToActualPixels();
    CHECK(scene.millimetresPerPixel() == Approx(1.0));
    scene.setZoom(2);
    CHECK(scene.millimetresPerPixel() == Approx(32.0 / 200));
    scene.fit();
    CHECK(scene.millimetresPerPixel() == Approx(64.0 / 200));
    // The view is resized: the fit follows at the next render.
    view.window()->SetSize(200, 400);
    view.capture();
    CHECK(scene.millimetresPerPixel() == Approx(64.0 / 200));
    CHECK(scene.overlay().scaleBarPixels() * scene.millimetresPerPixel() == Approx(scene.overlay().scaleBarMillimetres()));
}

TEST_CASE("the overlay never overlaps itself or leaves the view, whatever the size", "[rendering][overlay]")
{
    const LoadedPhantom& p = phantom();
    SliceScene scene;
    scene.setVolume(p.loaded.volume);
    const std::vector<std::string> lines{"PATIENT^WITH^A^VERY^LONG^NAME^INDEED", "ID 1234567890123", "045Y F",
                                         "Born 1981-03-04", "a fifth line of little importance"};
    for (int c = 0; c < 4; ++c)
        scene.overlay().setCornerLines(SliceOverlay::Corner(c), lines);
    for (const auto& [w, h] : {std::pair{96, 80}, std::pair{160, 120}, std::pair{240, 200}, std::pair{480, 360}, std::pair{1000, 800}}) {
        INFO(w << "x" << h);
        OffscreenView view(scene.renderer(), w, h);
        view.capture();
        std::vector<std::array<double, 4>> boxes;
        for (vtkTextActor* actor : scene.overlay().textActors()) {
            double b[4];
            actor->GetBoundingBox(scene.renderer(), b);
            // VTK gives the box relative to the actor's anchor.
            const double* anchor = actor->GetPosition();
            b[0] += anchor[0];
            b[1] += anchor[0];
            b[2] += anchor[1];
            b[3] += anchor[1];
            CHECK(b[0] >= -1);
            CHECK(b[1] <= w + 1);
            CHECK(b[2] >= -1);
            CHECK(b[3] <= h + 1);
            boxes.push_back({b[0], b[1], b[2], b[3]});
        }
        for (size_t i = 0; i < boxes.size(); ++i)
            for (size_t j = i + 1; j < boxes.size(); ++j) {
                const bool apart = boxes[i][1] <= boxes[j][0] || boxes[j][1] <= boxes[i][0] || boxes[i][3] <= boxes[j][2] ||
                                   boxes[j][3] <= boxes[i][2];
                CHECK(apart);
            }
        // The four letters are always there.
        CHECK(boxes.size() >= 4);
        if (w >= 1000) {
            // Room for everything: all five lines, uncut.
            CHECK(scene.overlay().shownCornerText(SliceOverlay::TopLeft).find(lines.back()) != std::string::npos);
            CHECK(scene.overlay().shownCornerText(SliceOverlay::TopLeft).find(lines.front()) != std::string::npos);
        }
        if (w <= 160) {
            // Little room: the first line is kept (cut short), later ones dropped.
            const std::string shown = scene.overlay().shownCornerText(SliceOverlay::TopLeft);
            CHECK(shown.find("a fifth line") == std::string::npos);
        }
    }
    scene.overlay().setCornerTextVisible(false);
    OffscreenView view(scene.renderer(), 480, 360);
    view.capture();
    CHECK(scene.overlay().shownCornerText(SliceOverlay::BottomRight).empty());
    CHECK(scene.overlay().textActors().size() == 5);  // four letters and the scale bar's text
}

TEST_CASE("without position or pixel spacing the view shows no letters and no scale", "[rendering][overlay]")
{
    // Like the corpus's XA cine: no Image Orientation (Patient), no Pixel Spacing.
    const LoadedPhantom& p = phantom();
    auto volume = std::make_shared<Volume>(p.loaded.volume->geometry(), p.loaded.volume->type());
    std::memcpy(volume->data(), p.loaded.volume->data(), volume->byteCount());
    volume->hasPatientGeometry = false;
    volume->hasPixelSpacing = false;
    SliceScene scene;
    scene.setVolume(volume);
    OffscreenView view(scene.renderer(), 300, 300);
    view.capture();
    CHECK(scene.sideLabels() == std::array<std::string, 4>{});
    CHECK(scene.overlay().scaleBarMillimetres() == 0);
    CHECK(scene.overlay().textActors().empty());
    // The same volume with its geometry: letters and a bar.
    volume->hasPatientGeometry = volume->hasPixelSpacing = true;
    scene.setVolume(volume);
    view.capture();
    CHECK(scene.sideLabels()[0] == "R");
    CHECK(scene.overlay().scaleBarMillimetres() > 0);
}

TEST_CASE("a series without a window opens with the auto window of its middle slice", "[rendering][window]")
{
    const LoadedPhantom& p = phantom();
    auto volume = std::make_shared<Volume>(p.loaded.volume->geometry(), p.loaded.volume->type());
    std::memcpy(volume->data(), p.loaded.volume->data(), volume->byteCount());
    REQUIRE(volume->windows.empty());
    SliceScene scene;
    scene.setVolume(volume);
    const WindowPreset expected = autoWindow(*volume, volume->geometry().slices / 2);
    CHECK(scene.windowCenter() == expected.center);
    CHECK(scene.windowWidth() == expected.width);
    // The middle slice holds air, water and the objects: the window reaches from air up.
    CHECK(scene.windowCenter() - scene.windowWidth() / 2 == Approx(-1000).margin(1));
    CHECK(scene.windowCenter() + scene.windowWidth() / 2 >= 0);
}

TEST_CASE("MPR of the GE head CT (tilt and uneven spacing) reformats a resampled copy and says so", "[rendering][mpr]")
{
    const auto folder = corpus() / "dcm_qa_ct";
    ScanResult scan = HeaderScanner().scan({folder.string()});
    const StudyTree tree = StackBuilder().build(std::move(scan.frames));
    const Stack* stack = tree.firstStack();
    REQUIRE(stack);
    REQUIRE(stack->unevenSpacing);
    const LoadResult loaded = VolumeLoader().load(*stack);
    REQUIRE(loaded.volume);
    MprScene scene;
    scene.setVolume(loaded.volume);
    CHECK(scene.resampled());
    CHECK(scene.volume() != loaded.volume.get());
    CHECK(scene.volume()->geometry().slices > loaded.volume->geometry().slices);
    // An acquired slice's centre keeps its value in the resampled copy (it lies on the new grid's
    // first plane).
    const StackGeometry& g = loaded.volume->geometry();
    const Vec3 centre = g.toPatient(g.columns / 2, g.rows / 2, 0);
    const auto value = scene.valueAt(centre);
    REQUIRE(value);
    CHECK(*value == Approx(loaded.volume->valueAt(g.columns / 2, g.rows / 2, 0)).margin(1));
}

TEST_CASE("MPR oblique turns keep the planes orthogonal through the crosshair, and reset", "[rendering][mpr]")
{
    const LoadedPhantom& p = phantom();
    MprScene scene;
    scene.setVolume(p.loaded.volume);
    OffscreenView view(scene.renderer(MprPlane::Coronal), 300, 300);
    view.capture();
    // A quarter turn about the axial normal: the coronal plane becomes sagittal-like.
    scene.rotate(MprPlane::Axial, 90);
    CHECK(scene.right(MprPlane::Coronal).y == Approx(1.0));
    CHECK(scene.sideLabels(MprPlane::Coronal)[1] == "P");
    CHECK(scene.sideLabels(MprPlane::Coronal)[2] == "H");
    CHECK(scene.normal(MprPlane::Axial).z == Approx(1.0));  // the turned-about plane stays
    // Double oblique: still three orthonormal frames, all through the crosshair.
    scene.rotate(MprPlane::Coronal, 25);
    for (MprPlane a : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        CHECK(scene.right(a).norm() == Approx(1.0));
        CHECK(scene.right(a).dot(scene.up(a)) == Approx(0.0).margin(1e-9));
        for (MprPlane b : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal})
            if (a != b)
                CHECK(std::abs(scene.normal(a).dot(scene.normal(b))) == Approx(0.0).margin(1e-9));
    }
    const auto centre = scene.viewPosition(MprPlane::Coronal, scene.crosshair());
    CHECK(centre[0] == Approx(150));
    const Vec3 back = scene.patientPosition(MprPlane::Coronal, 200, 80);
    const auto again = scene.viewPosition(MprPlane::Coronal, back);
    CHECK(again[0] == Approx(200));
    CHECK(again[1] == Approx(80));
    scene.resetOrientation();
    CHECK(scene.sideLabels(MprPlane::Coronal) == std::array<std::string, 4>{"R", "L", "H", "F"});
}

TEST_CASE("MPR planes follow the crosshair, zoom and window at once, without reslicing for a window change", "[rendering][mpr]")
{
    const LoadedPhantom& p = phantom();
    MprScene scene;
    scene.setVolume(p.loaded.volume);
    scene.setWindow(500, 1000);  // 0 HU black, +1000 white
    OffscreenView view(scene.renderer(MprPlane::Coronal), 300, 300);
    const auto& bone = p.model.sphere("bone");
    auto boneGrey = [&] {
        const Picture picture = view.capture();
        // Beside the crosshair lines, which cross at the sphere's centre; still inside it.
        const double aside = 0.3 * bone.radius / scene.millimetresPerPixel(MprPlane::Coronal);
        const auto xy = scene.viewPosition(MprPlane::Coronal, bone.center);
        return picture.gray(int(xy[0] + aside), int(xy[1] + aside));
    };
    // Through the bone sphere's centre: white there.
    scene.setCrosshair(bone.center);
    CHECK(boneGrey() > 240);
    // Scrolled past the sphere: water or air, dark.
    scene.scroll(MprPlane::Coronal, bone.radius + 4);
    CHECK(boneGrey() < 140);
    // Back, and zoomed in 3x: still white at the sphere's centre, wherever it lands now.
    scene.setCrosshair(bone.center);
    scene.setZoom(MprPlane::Coronal, 3);
    CHECK(boneGrey() > 240);
    // A window that puts bone at mid grey.
    scene.setWindow(1000, 400);
    const int grey = boneGrey();
    CHECK(grey > 100);
    CHECK(grey < 160);
}
