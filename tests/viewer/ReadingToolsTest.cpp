// The 2D reading tools as a user drives them: keys rotate, flip, invert, zoom and play cine; the
// mouse probes, pans and zooms; series dropped on a view are asked for; views of one frame of
// reference scroll together and draw each other's planes.
#include "PhantomFixture.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/rendering/SliceOverlay.h"
#include "hf/viewer/AnnotationEditing.h"
#include "hf/viewer/CornerText.h"
#include "hf/viewer/MprViewport.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListWidget.h"
#include "hf/viewer/ViewportGrid.h"
#include "hf/viewer/VolumeViewport.h"
#include "hf/rendering/VolumeScene.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkWindowToImageFilter.h>

using namespace hf;

Q_DECLARE_METATYPE(std::vector<hf::Vec3>)
Q_DECLARE_METATYPE(hf::AnnotationKind)
using namespace hf::test;

namespace {

const LoadedPhantom& loaded(const std::string& orientation = "axial", int slices = 16, double sliceSpacing = 2.0, int series = 1)
{
    static std::map<std::string, LoadedPhantom> cache;
    const std::string key = orientation + std::to_string(slices) + "-" + std::to_string(sliceSpacing) + "-" + std::to_string(series);
    auto it = cache.find(key);
    if (it == cache.end()) {
        PhantomOptions o;
        o.columns = o.rows = 64;
        o.slices = slices;
        o.sliceSpacing = sliceSpacing;
        o.orientation = orientation;
        o.seriesNumber = series;
        it = cache.emplace(key, writeAndLoad(o, "reading-" + key)).first;
    }
    REQUIRE(it->second.loaded.volume);
    return it->second;
}

struct ShownView {
    SliceViewport view;
    ShownView(int w = 320, int h = 320)
    {
        view.resize(w, h);
        view.show();
        REQUIRE(QTest::qWaitForWindowExposed(&view));
    }
};

} // namespace

TEST_CASE("keys rotate, flip, invert, fit and zoom the active view", "[viewer][reading]")
{
    ShownView shown;
    SliceViewport& view = shown.view;
    view.setVolume(loaded().loaded.volume);
    view.renderNow();
    SliceScene& scene = view.scene();
    using Labels = std::array<std::string, 4>;
    REQUIRE(scene.sideLabels() == Labels{"R", "L", "A", "P"});
    QTest::keyClick(&view, Qt::Key_R);
    CHECK(scene.sideLabels() == Labels{"P", "A", "R", "L"});
    QTest::keyClick(&view, Qt::Key_R, Qt::ShiftModifier);
    CHECK(scene.sideLabels() == Labels{"R", "L", "A", "P"});
    QTest::keyClick(&view, Qt::Key_H);
    CHECK(scene.sideLabels() == Labels{"L", "R", "A", "P"});
    QTest::keyClick(&view, Qt::Key_V);
    CHECK(scene.sideLabels() == Labels{"L", "R", "P", "A"});
    QTest::keyClick(&view, Qt::Key_I);
    CHECK(scene.viewState().inverted());
    QTest::keyClick(&view, Qt::Key_Escape);
    CHECK(scene.sideLabels() == Labels{"R", "L", "A", "P"});
    CHECK_FALSE(scene.viewState().inverted());

    const double fitted = scene.millimetresPerPixel();
    CHECK(fitted == Approx(64.0 / 320));
    QTest::keyClick(&view, Qt::Key_Plus);
    CHECK(scene.millimetresPerPixel() == Approx(fitted / 1.25));
    QTest::keyClick(&view, Qt::Key_Equal);
    CHECK(scene.millimetresPerPixel() == Approx(1.0));  // 1 mm pixels, one per screen pixel
    QTest::keyClick(&view, Qt::Key_F);
    CHECK(scene.millimetresPerPixel() == Approx(fitted));
    // Ctrl+wheel zooms too; a right drag upwards zooms in.
    const QPointF at(160, 160);
    QWheelEvent notch(at, view.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &notch);
    CHECK(scene.millimetresPerPixel() == Approx(fitted / 1.2));
    QTest::mousePress(&view, Qt::RightButton, Qt::NoModifier, QPoint(160, 160));
    QTest::mouseMove(&view, QPoint(160, 100));
    QTest::mouseRelease(&view, Qt::RightButton, Qt::NoModifier, QPoint(160, 100));
    CHECK(scene.millimetresPerPixel() < fitted / 1.2 / 1.5);
}

TEST_CASE("the probe reports HU and patient position under the mouse; a middle drag pans", "[viewer][reading]")
{
    ShownView shown;
    SliceViewport& view = shown.view;
    const LoadedPhantom& p = loaded();
    view.setVolume(p.loaded.volume);
    view.setSlice(int(std::lround(p.loaded.volume->geometry().toIndex({0, 0, p.model.objectPlaneZ()}).z)));
    view.renderNow();
    QSignalSpy probed(&view, &SliceViewport::probed);
    const auto bone = view.scene().viewPosition(p.model.sphere("bone").center);
    QTest::mouseMove(&view, QPoint(int(bone[0]), int(bone[1])));
    REQUIRE(probed.count() >= 1);
    const QString text = probed.last().at(0).toString();
    INFO(text.toStdString());
    CHECK(text.startsWith("HU 1000 at pixel"));
    CHECK(text.contains("L 11."));  // bone centre x = +11.52 mm: patient left
    CHECK(text.contains("H 1.0"));  // the object plane, z = +1

    // Middle drag by (40, 0) pixels: the sphere moves 40 pixels right with the mouse.
    QTest::mousePress(&view, Qt::MiddleButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(&view, QPoint(140, 100));
    QTest::mouseRelease(&view, Qt::MiddleButton, Qt::NoModifier, QPoint(140, 100));
    const auto moved = view.scene().viewPosition(p.model.sphere("bone").center);
    CHECK(moved[0] - bone[0] == Approx(40).margin(0.5));
    CHECK(moved[1] == Approx(bone[1]).margin(0.5));
}

TEST_CASE("auto window and presets set the window; corner text says so and can be hidden", "[viewer][reading]")
{
    ShownView shown;
    SliceViewport& view = shown.view;
    view.setVolume(loaded().loaded.volume);
    view.renderNow();
    QTest::keyClick(&view, Qt::Key_A);
    // Slice through air (-1000) and water (0): the window spans them.
    CHECK(view.scene().windowCenter() - view.scene().windowWidth() / 2 == Approx(-1000).margin(1));
    CHECK(view.scene().windowCenter() + view.scene().windowWidth() / 2 >= 0);
    view.renderNow();
    const std::string corner = view.scene().overlay().shownCornerText(SliceOverlay::BottomRight);
    CHECK(corner.find("W " + std::to_string(int(std::lround(view.scene().windowWidth())))) == 0);
    QTest::keyClick(&view, Qt::Key_T);
    view.renderNow();
    CHECK(view.scene().overlay().shownCornerText(SliceOverlay::BottomRight).empty());
    CHECK(view.scene().overlay().sideLabel(SliceOverlay::Left) == "R");
}

TEST_CASE("cine plays the slices in a loop at the chosen rate and stops", "[viewer][reading]")
{
    ShownView shown;
    SliceViewport& view = shown.view;
    view.setVolume(loaded().loaded.volume, 0);
    view.setCineRate(50);
    QSignalSpy changed(&view, &SliceViewport::sliceChanged);
    QTest::keyClick(&view, Qt::Key_C);
    REQUIRE(view.cinePlaying());
    // More than one loop of 16 (at 50 fps ~0.4 s; a loaded machine renders slower: no timing asserted).
    REQUIRE(QTest::qWaitFor([&] { return changed.count() >= 18; }, 20000));
    QTest::keyClick(&view, Qt::Key_C);
    REQUIRE_FALSE(view.cinePlaying());
    CHECK(changed.count() >= 16);
    bool wrapped = false;
    for (int i = 1; i < changed.count(); ++i)
        wrapped |= changed[i].at(0).toInt() == 0 && changed[i - 1].at(0).toInt() == 15;
    CHECK(wrapped);
    const int stoppedAt = view.slice();
    QTest::qWait(100);
    CHECK(view.slice() == stoppedAt);
    QTest::keyClick(&view, Qt::Key_BracketLeft);
    CHECK(view.cineRate() == 45);
}

TEST_CASE("a series dragged from the study list is asked for by the view it is dropped on", "[viewer][reading]")
{
    ViewportGrid grid;
    grid.resize(600, 300);
    grid.setGrid(1, 2);
    grid.show();
    REQUIRE(QTest::qWaitForWindowExposed(&grid));
    QSignalSpy dropped(&grid, &ViewportGrid::seriesDropped);
    std::unique_ptr<QMimeData> data(StudyListWidget::seriesMimeData("1.2.3", "1.2.3.4"));
    SliceViewport* target = grid.view(1);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    REQUIRE(dropped.count() == 1);
    CHECK(dropped[0].at(0).toInt() == 1);
    CHECK(dropped[0].at(1).toString() == "1.2.3");
    CHECK(dropped[0].at(2).toString() == "1.2.3.4");
}

TEST_CASE("views of one frame of reference scroll together by position and show each other's planes", "[viewer][reading]")
{
    ViewportGrid grid;
    grid.resize(900, 300);
    grid.setGrid(1, 3);
    grid.show();
    REQUIRE(QTest::qWaitForWindowExposed(&grid));
    const LoadedPhantom& fine = loaded("axial", 16, 2.0, 1);     // z = -15 .. 15 by 2
    const LoadedPhantom& coarse = loaded("axial", 8, 4.0, 2);    // z = -14 .. 14 by 4
    const LoadedPhantom& coronal = loaded("coronal", 64, 1.0, 3);
    REQUIRE(fine.loaded.volume->frameOfReferenceUid == coarse.loaded.volume->frameOfReferenceUid);
    grid.view(0)->setVolume(fine.loaded.volume, 8);  // z = 1
    grid.view(1)->setVolume(coarse.loaded.volume);
    grid.view(2)->setVolume(coronal.loaded.volume);
    // The later view joined the active view's position: nearest to z = 1 is z = 2 (slice 4).
    CHECK(grid.view(1)->slice() == 4);
    // Scrolling the first moves the second by position, not by image number.
    grid.view(0)->setSlice(1);  // z = -13
    CHECK(grid.view(1)->slice() == 0);  // z = -14
    grid.view(0)->setSlice(14);  // z = 13
    CHECK(grid.view(1)->slice() == 7);  // z = 14
    CHECK(grid.view(2)->slice() == 32);  // the coronal view is not parallel: it stays
    // Reference lines: both axial views see the coronal plane; the coronal view sees both axials.
    CHECK(grid.view(0)->scene().referenceLineCount() == 1);
    CHECK(grid.view(1)->scene().referenceLineCount() == 1);
    CHECK(grid.view(2)->scene().referenceLineCount() == 2);
    grid.setReferenceLinesVisible(false);
    CHECK(grid.view(2)->scene().referenceLineCount() == 0);
    grid.setReferenceLinesVisible(true);
    // Unsynchronised, the views scroll on their own.
    grid.setSynchronized(false);
    grid.view(0)->setSlice(3);
    CHECK(grid.view(1)->slice() == 7);
    // Another frame of reference is never moved.
    grid.setSynchronized(true);
    auto other = std::make_shared<Volume>(coarse.loaded.volume->geometry(), coarse.loaded.volume->type());
    other->frameOfReferenceUid = "1.2.999";
    grid.view(1)->setVolume(other, 2);
    grid.view(0)->setSlice(12);
    CHECK(grid.view(1)->slice() == 2);
    CHECK(grid.view(1)->scene().referenceLineCount() == 0);
}

TEST_CASE("drawing tools turn clicks and drags into points on the shown slice; handles move one point", "[viewer][annotations]")
{
    ShownView shown(400, 400);
    SliceViewport& view = shown.view;
    const LoadedPhantom& p = loaded();
    view.setVolume(p.loaded.volume, 8);
    view.renderNow();
    QSignalSpy drawn(&view, &SliceViewport::annotationDrawn);
    QSignalSpy edited(&view, &SliceViewport::annotationEdited);
    auto click = [&](int x, int y) {
        QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(x, y));
        QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(x, y));
    };
    // Angle: three clicks.
    view.setTool(AnnotationKind::Angle);
    click(100, 100);
    click(200, 100);
    QTest::mouseMove(&view, QPoint(200, 150));
    CHECK(view.scene().shapes().size() == 1);  // the angle being drawn follows the mouse
    click(200, 200);
    REQUIRE(drawn.count() == 1);
    auto points = drawn[0].at(1).value<std::vector<Vec3>>();
    REQUIRE(points.size() == 3);
    const SlicePlane plane = view.scene().plane();
    for (const Vec3& point : points)
        CHECK(std::abs((point - plane.origin).dot(plane.normal)) < 1e-9);  // on the shown slice
    CHECK(view.scene().viewPosition(points[1])[0] == Approx(200).margin(0.5));
    // Polygon: clicks, Enter closes; Escape drops a half-drawn one.
    view.setTool(AnnotationKind::Polygon);
    click(50, 50);
    click(150, 60);
    QTest::keyClick(&view, Qt::Key_Escape);
    CHECK_FALSE(view.editing().drawing());
    click(50, 50);
    click(150, 60);
    click(120, 150);
    click(60, 140);
    QTest::keyClick(&view, Qt::Key_Return);
    REQUIRE(drawn.count() == 2);
    CHECK(drawn[1].at(1).value<std::vector<Vec3>>().size() == 4);
    // Ellipse: one drag. A click without a drag draws nothing.
    view.setTool(AnnotationKind::Ellipse);
    click(300, 300);
    CHECK(drawn.count() == 2);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(250, 250));
    QTest::mouseMove(&view, QPoint(300, 320));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(300, 320));
    REQUIRE(drawn.count() == 3);
    CHECK(drawn[2].at(0).value<AnnotationKind>() == AnnotationKind::Ellipse);

    // Editing a stored annotation: select it, drag its second point by its handle.
    ViewAnnotation length;
    length.annotation.id = "a1";
    length.annotation.kind = AnnotationKind::Length;
    length.annotation.points = {view.scene().patientPosition(100, 300), view.scene().patientPosition(200, 300)};
    length.slice = 8;
    length.summary = "Length 1 mm";
    view.setTool(std::nullopt);
    view.setAnnotations({length});
    CHECK(view.editing().shownIds() == std::vector<std::string>{"a1"});
    click(150, 300);  // on the line: selected
    CHECK(view.editing().selected() == "a1");
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(200, 300));
    QTest::mouseMove(&view, QPoint(230, 340));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(230, 340));
    REQUIRE(edited.count() == 1);
    const auto moved = edited[0].at(1).value<std::vector<Vec3>>();
    CHECK(view.scene().viewPosition(moved[0])[0] == Approx(100).margin(0.5));  // first point stays
    CHECK(view.scene().viewPosition(moved[1])[0] == Approx(230).margin(0.5));
    CHECK(view.scene().viewPosition(moved[1])[1] == Approx(340).margin(0.5));
    // Another slice: not drawn there (thickness 3 mm, spacing 3 mm: only its own slice).
    view.setSlice(3);
    CHECK(view.editing().shownIds().empty());
    CHECK(view.scene().shapes().empty());
    view.setSlice(8);
    CHECK(view.scene().shapes().size() == 1);
    // Ctrl+C / Ctrl+V copies the selected shape onto the shown slice, same place in the plane.
    view.editing().select("a1");
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    view.setSlice(4);
    QTest::keyClick(&view, Qt::Key_V, Qt::ControlModifier);
    REQUIRE(drawn.count() == 4);
    CHECK(drawn[3].at(0).value<AnnotationKind>() == AnnotationKind::Length);
    const auto pasted = drawn[3].at(1).value<std::vector<Vec3>>();
    const SlicePlane four = view.scene().plane();
    CHECK(std::abs((pasted[0] - four.origin).dot(four.normal)) < 1e-9);
    CHECK(view.scene().viewPosition(pasted[0])[0] == Approx(100).margin(0.5));
    CHECK_FALSE(view.cinePlaying());  // Ctrl+C is not the cine key
    view.setSlice(8);
    // Freehand: one drag collects the points along the way.
    view.setTool(AnnotationKind::Freehand);
    QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, QPoint(50, 200));
    for (int step = 1; step <= 10; ++step)
        QTest::mouseMove(&view, QPoint(50 + 10 * step, 200 + (step % 2) * 8));
    QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, QPoint(150, 200));
    REQUIRE(drawn.count() == 5);
    CHECK(drawn[4].at(0).value<AnnotationKind>() == AnnotationKind::Freehand);
    CHECK(drawn[4].at(1).value<std::vector<Vec3>>().size() >= 8);
    view.setTool(std::nullopt);
    // Delete asks for the selected one.
    QSignalSpy deleted(&view, &SliceViewport::annotationDeleteRequested);
    view.editing().select("a1");
    QTest::keyClick(&view, Qt::Key_Delete);
    REQUIRE(deleted.count() == 1);
    CHECK(deleted[0].at(0).toString() == "a1");
}

TEST_CASE("MPR views: a click moves the crosshair, the wheel scrolls, Ctrl+wheel zooms, middle drag pans, the mouse probes", "[viewer][mpr]")
{
    MprWidget widget;
    widget.resize(900, 300);
    widget.show();
    REQUIRE(QTest::qWaitForWindowExposed(&widget));
    const LoadedPhantom& p = loaded();
    widget.setVolume(p.loaded.volume);
    widget.renderAll();
    MprScene& scene = widget.scene();
    MprViewport* coronal = widget.view(MprPlane::Coronal);
    const Vec3 bone = p.model.sphere("bone").center;
    // Click on the bone sphere's place in the coronal view: the crosshair goes there (x, z).
    scene.setCrosshair({0, bone.y, 0});
    const auto at = scene.viewPosition(MprPlane::Coronal, bone);
    QTest::mouseClick(coronal, Qt::LeftButton, Qt::NoModifier, QPoint(int(at[0]), int(at[1])));
    CHECK(scene.crosshair().x == Approx(bone.x).margin(scene.millimetresPerPixel(MprPlane::Coronal)));
    CHECK(scene.crosshair().z == Approx(bone.z).margin(scene.millimetresPerPixel(MprPlane::Coronal)));
    // The wheel scrolls the coronal plane along its normal (+y is posterior): one notch, one step.
    const double y = scene.crosshair().y;
    QWheelEvent notch(QPointF(50, 50), coronal->mapToGlobal(QPointF(50, 50)), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(coronal, &notch);
    CHECK(std::abs(scene.crosshair().y - y) == Approx(1.0));  // the finest spacing (1 mm pixels)
    // Ctrl+wheel zooms this plane only.
    const double mm = scene.millimetresPerPixel(MprPlane::Coronal);
    QWheelEvent zoom(QPointF(50, 50), coronal->mapToGlobal(QPointF(50, 50)), QPoint(), QPoint(0, 120), Qt::NoButton,
                     Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(coronal, &zoom);
    CHECK(scene.millimetresPerPixel(MprPlane::Coronal) == Approx(mm / 1.2));
    CHECK(scene.zoom(MprPlane::Axial) == 1);
    // Middle drag by 30 pixels: the crosshair is drawn 30 pixels further right.
    const auto before = scene.viewPosition(MprPlane::Coronal, scene.crosshair());
    QTest::mousePress(coronal, Qt::MiddleButton, Qt::NoModifier, QPoint(100, 100));
    QTest::mouseMove(coronal, QPoint(130, 100));
    QTest::mouseRelease(coronal, Qt::MiddleButton, Qt::NoModifier, QPoint(130, 100));
    CHECK(scene.viewPosition(MprPlane::Coronal, scene.crosshair())[0] == Approx(before[0] + 30).margin(0.5));
    // Probe: the value under the mouse.
    QSignalSpy probed(&widget, &MprWidget::probed);
    scene.setCrosshair(bone);
    const auto over = scene.viewPosition(MprPlane::Coronal, bone);
    QTest::mouseMove(coronal, QPoint(int(over[0]), int(over[1])));
    REQUIRE(probed.count() >= 1);
    CHECK(probed.last().at(0).toString().startsWith("HU 1000"));
}

TEST_CASE("the 3D clipping box keeps only what is inside it", "[viewer][3d]")
{
    VolumeViewport view;
    view.resize(240, 240);
    view.show();
    REQUIRE(QTest::qWaitForWindowExposed(&view));
    const LoadedPhantom& p = loaded();
    view.setVolume(p.loaded.volume);
    auto brightHalves = [&] {
        view.renderNow();
        vtkNew<vtkWindowToImageFilter> grab;
        grab->SetInput(view.renderWindow());
        grab->ReadFrontBufferOff();
        grab->Update();
        vtkImageData* image = grab->GetOutput();
        int dims[3];
        image->GetDimensions(dims);
        std::pair<int, int> halves{0, 0};
        for (int y = 0; y < dims[1]; ++y)
            for (int x = 0; x < dims[0]; ++x) {
                const auto* rgb = static_cast<unsigned char*>(image->GetScalarPointer(x, y, 0));
                if ((rgb[0] + rgb[1] + rgb[2]) / 3 > 100)
                    (x < dims[0] / 2 ? halves.first : halves.second)++;
            }
        return halves;
    };
    const auto full = brightHalves();
    REQUIRE(full.second > 100);
    QTest::keyClick(&view, Qt::Key_B);
    REQUIRE(view.clippingBoxShown());
    CHECK(view.scene().clippingPlaneCount() == 6);
    // A box around the bone sphere (patient left = screen right): the rest is cut away.
    const PhantomSphere& bone = p.model.sphere("bone");
    const double r = bone.radius + 1;
    view.placeClippingBox({bone.center.x - r, bone.center.x + r, bone.center.y - r, bone.center.y + r, bone.center.z - r, bone.center.z + r});
    const auto boxed = brightHalves();
    CHECK(boxed.second > 30);           // the bone sphere is still drawn
    CHECK(boxed.first < full.first);    // the fat sphere, rod and spine on the left are gone (the box's
                                        // own outline is drawn there, so not to zero)
    CHECK_FALSE(view.scene().clippedAway(bone.center));
    CHECK(view.scene().clippedAway(p.model.sphere("fat").center));
    CHECK(view.scene().clippedAway(bone.center + Vec3{0, 0, r + 2}));
    QTest::keyClick(&view, Qt::Key_B);
    CHECK_FALSE(view.clippingBoxShown());
    CHECK(view.scene().clippingPlaneCount() == 0);
}

TEST_CASE("an ultrasound image calibrated by its regions says so in the corner, one without any says it has no scale", "[viewer][reading][ultrasound]")
{
    // The corpus's colour US given two calibrated regions (tests/reference/make-pixel-variant.py).
    const auto out = scratch("corner-us-regions") / "us.dcm";
    const std::string command = "/usr/bin/python3 '" + (std::filesystem::path(HF_SOURCE_DIR) / "tests/reference/make-pixel-variant.py").string()
                                + "' us-regions '" + (corpus() / "DICOMHTJ2K/test/fixtures/dicomp10/US1_UNC").string() + "' '" + out.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    for (const bool withRegions : {true, false}) {
        INFO((withRegions ? "with" : "without") << " regions");
        ScanResult scan = HeaderScanner().scan({withRegions ? out.string() : (corpus() / "DICOMHTJ2K/test/fixtures/dicomp10/US1_UNC").string()});
        const StudyTree tree = StackBuilder().build(std::move(scan.frames));
        REQUIRE(tree.firstStack());
        const LoadResult loaded = VolumeLoader().load(*tree.firstStack());
        REQUIRE(loaded.volume);
        SliceScene scene;
        scene.setVolume(loaded.volume);
        const auto corners = composeCornerText(SeriesContext{}, StackPosition{}, scene);
        const auto& lines = corners[SliceOverlay::BottomLeft];
        const bool calibrated = std::find(lines.begin(), lines.end(), "Calibrated by 2 US regions") != lines.end();
        const bool noScale = std::find(lines.begin(), lines.end(), "No pixel spacing: no scale") != lines.end();
        CHECK(calibrated == withRegions);
        CHECK(noScale == !withRegions);
    }
}
