// Views of two studies of one patient, linked by registration (issue 20): the 3D cursor placed
// in one lands on the same anatomy in the other (through the registration), and window/level
// and zoom follow across views when their toggles are on, not when off.
#include "MainWindowFixture.h"

#include "ViewDescription.h"

#include "hf/annotations/RegistrationStore.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/SpatialRegistration.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/rendering/MprScene.h"
#include "hf/viewer/MprWidget.h"

#include <QAction>
#include <QJsonArray>
#include <QMouseEvent>

using namespace hf;
using namespace hf::test;

namespace {

// A CT phantom today and the same patient's a year before, lying 10 mm to the left and 6 mm
// higher (in the prior's own coordinates), opened side by side (the current one in view 0),
// registered and linked.
struct LinkedStudies {
    Setup setup;
    PhantomOptions current, prior;
    gui::GuiOptions options;
    std::unique_ptr<TestWindow> t;

    LinkedStudies(const std::string& name, unsigned seed)
        : setup(emptySetup(name))
    {
        current.columns = current.rows = 64;
        current.slices = 32;
        current.seed = seed;
        prior = current;
        prior.studyDate = "20250101";
        prior.translate = {10, 0, 6};
        PhantomWriter(PhantomModel(current)).write((setup.folder / "now").string());
        PhantomWriter(PhantomModel(prior)).write((setup.folder / "before").string());
        options = optionsFor(setup);
        options.layout = "1x2";
        options.seriesUid = QString::fromStdString(PhantomWriter(PhantomModel(current)).identity().seriesUid);
        t = std::make_unique<TestWindow>(options);
        window().open({QString::fromStdString((setup.folder / "now").string()), QString::fromStdString((setup.folder / "before").string())});
        ViewportGrid& grid = *window().viewportGrid();
        REQUIRE(QTest::qWaitFor([&] { return grid.view(0)->volume() && grid.view(1)->volume(); }, 30000));
        REQUIRE(grid.view(0)->seriesUid() == options.seriesUid);
        REQUIRE(QTest::qWaitFor([&] {
            return grid.frameLinks().find(grid.view(0)->volume()->frameOfReferenceUid, grid.view(1)->volume()->frameOfReferenceUid).has_value();
        }, 60000));
    }
    gui::MainWindow& window() { return *t->window; }
};

} // namespace

TEST_CASE("Shift+click puts the 3D cursor on the same anatomy in the registered prior's view", "[gui][registration][cursor]")
{
    LinkedStudies studies("cursor-linked", 41);
    gui::MainWindow& window = studies.window();
    ViewportGrid& grid = *window.viewportGrid();
    SliceViewport* now = grid.view(0);
    SliceViewport* before = grid.view(1);

    // Shift+click on the current view's bone sphere, in its own slice.
    const PhantomSphere bone = PhantomModel(studies.current).sphere("bone");
    const auto k = nearestSlice(now->volume()->geometry(), bone.center);
    REQUIRE(k);
    now->setSlice(*k);
    before->setSlice(0);  // elsewhere, so that the cursor must move it
    const auto at = now->scene().viewPosition(bone.center);
    const qreal ratio = now->devicePixelRatioF();
    const QPoint click(int(std::lround(at[0] / ratio)), int(std::lround(at[1] / ratio)));
    QTest::mouseClick(now, Qt::LeftButton, Qt::ShiftModifier, click);
    REQUIRE(now->patientCursor());
    CHECK((*now->patientCursor() - bone.center).norm() < 2.0);  // within a pixel or two of where it was clicked
    // In the prior the same anatomy lies 10 mm left and 6 mm up in its coordinates: the cursor
    // is there and the prior's view shows that slice.
    REQUIRE(before->patientCursor());
    const Vec3 expected = *now->patientCursor() + Vec3{10, 0, 6};
    CHECK((*before->patientCursor() - expected).norm() < 1.0);
    CHECK(before->slice() == *nearestSlice(before->volume()->geometry(), expected));
    CHECK(before->slice() != 0);
    // The cross is drawn on the prior's slice, and the screenshot's JSON says where.
    const auto shapes = before->scene().contourShapes();
    CHECK(std::count_if(shapes.begin(), shapes.end(), [](const OverlayShape& s) { return s.id == "3d-cursor"; }) == 1);
    const QJsonObject json = gui::describeViews(window);
    CHECK(json["views"][1]["cursor"][2].toDouble() == Approx(expected.z).margin(1.0));
    // Placed in the prior's view, it moves the MPR's crosshair (the current study's volume) onto
    // the same anatomy through the link.
    window.setLayoutName("mpr");
    MprWidget& mpr = *window.mprWidget();
    REQUIRE(QTest::qWaitFor([&] { return mpr.scene().volume() != nullptr; }, 30000));
    REQUIRE(mpr.scene().volume()->frameOfReferenceUid == now->volume()->frameOfReferenceUid);
    window.setLayoutName("1x2");
    REQUIRE(QTest::qWaitFor([&] { return grid.view(1)->volume() != nullptr; }, 30000));
    const Vec3 inPrior = bone.center + Vec3{10, 0, 6};
    before->setSlice(*nearestSlice(before->volume()->geometry(), inPrior));
    const auto atPrior = before->scene().viewPosition(inPrior);
    QTest::mouseClick(before, Qt::LeftButton, Qt::ShiftModifier,
                      QPoint(int(std::lround(atPrior[0] / ratio)), int(std::lround(atPrior[1] / ratio))));
    REQUIRE(before->patientCursor());
    CHECK((mpr.scene().crosshair() - bone.center).norm() < 2.0);
    // Scrolling the current view away leaves the cross off its other slices.
    now->setSlice(*k + 4);
    const auto moved = now->scene().contourShapes();
    CHECK(std::none_of(moved.begin(), moved.end(), [](const OverlayShape& s) { return s.id == "3d-cursor"; }));
}

TEST_CASE("Link W/L and Link zoom carry windowing and zoom across the studies' views while on", "[gui][registration][linked]")
{
    LinkedStudies studies("window-zoom-linked", 42);
    gui::MainWindow& window = studies.window();
    ViewportGrid& grid = *window.viewportGrid();
    QAction* linkWindow = window.findChild<QAction*>("link-window");
    QAction* linkZoom = window.findChild<QAction*>("link-zoom");
    REQUIRE(linkWindow);
    REQUIRE(linkZoom);
    REQUIRE_FALSE(linkWindow->isChecked());

    // Off: each view keeps its own.
    const double otherWidth = grid.view(1)->scene().windowWidth();
    grid.view(0)->setWindow(40, 400);
    CHECK(grid.view(1)->scene().windowWidth() == otherWidth);
    // On: the other study's CT follows the window, and the zoom.
    linkWindow->trigger();
    linkZoom->trigger();
    CHECK(grid.windowLinked());
    CHECK(grid.zoomLinked());
    grid.view(0)->setWindow(300, 1500);
    CHECK(grid.view(1)->scene().windowCenter() == 300);
    CHECK(grid.view(1)->scene().windowWidth() == 1500);
    QTest::keyClick(grid.view(1), Qt::Key_Plus);  // the reader zooms the prior's view
    CHECK(grid.view(1)->scene().viewState().zoom() == Approx(1.25));
    CHECK(grid.view(0)->scene().viewState().zoom() == Approx(1.25));
    // Panning the prior's view puts the same anatomy at the centre of the current one.
    grid.view(1)->panBy(40, -25);
    const Vec3 priorCentre = grid.view(1)->centrePoint();
    const auto link = grid.frameLinks().find(grid.view(1)->volume()->frameOfReferenceUid, grid.view(0)->volume()->frameOfReferenceUid);
    REQUIRE(link);
    const Vec3 expected = link->transform.apply(priorCentre), shown = grid.view(0)->centrePoint();
    const Vec3 along = grid.view(0)->volume()->geometry().normal;  // in the plane; depth is the slice's
    CHECK(((shown - expected) - along * (shown - expected).dot(along)).norm() < 1.0);
    const QJsonObject linked = gui::describeViews(window)["linked"].toObject();
    CHECK(linked["window"] == true);
    CHECK(linked["zoom"] == true);
    // Off again.
    linkWindow->trigger();
    grid.view(0)->setWindow(50, 350);
    CHECK(grid.view(1)->scene().windowWidth() == 1500);
}

TEST_CASE("Align manually: a landmark clicked in each study ties them so that the landmarks meet, kept in the cache and nudged by keys",
          "[gui][registration][alignment]")
{
    LinkedStudies studies("align-manually", 43);
    gui::MainWindow& window = studies.window();
    ViewportGrid& grid = *window.viewportGrid();
    SliceViewport* now = grid.view(0);
    SliceViewport* before = grid.view(1);
    QAction* align = window.findChild<QAction*>("align-manually");
    REQUIRE(align);
    align->trigger();
    REQUIRE(align->isChecked());

    // The bone sphere's centre in each study: here, and 10 mm left, 6 mm up in the prior's frame.
    const Vec3 boneNow = PhantomModel(studies.current).sphere("bone").center;
    const Vec3 boneBefore = boneNow + Vec3{10, 0, 6};
    const auto clickAt = [](SliceViewport* view, const Vec3& point) {
        view->setSlice(*nearestSlice(view->volume()->geometry(), point));
        const auto at = view->scene().viewPosition(point);
        const qreal ratio = view->devicePixelRatioF();
        QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, QPoint(int(std::lround(at[0] / ratio)), int(std::lround(at[1] / ratio))));
    };
    clickAt(now, boneNow);
    clickAt(before, boneBefore);
    CHECK_FALSE(align->isChecked());  // done after the second landmark
    const auto link = grid.frameLinks().find(now->volume()->frameOfReferenceUid, before->volume()->frameOfReferenceUid);
    REQUIRE(link);
    CHECK(link->how == "aligned manually");
    const double voxel = now->volume()->geometry().columnSpacing;
    CHECK((link->transform.apply(boneNow) - boneBefore).norm() < 1.5 * voxel);  // the clicks land on voxel centres
    const QJsonObject json = gui::describeViews(window);
    CHECK(json["views"][0]["corners"]["top_right"].toString().startsWith("Linked: aligned manually"));
    CHECK(json["views"][1]["link"]["how"] == "aligned manually");
    // Kept: the cache has it for the pair.
    const std::string fixedFrame = now->volume()->frameOfReferenceUid, movingFrame = before->volume()->frameOfReferenceUid;
    REQUIRE(QTest::qWaitFor([&] {
        CacheDatabase db(studies.setup.db.toStdString());
        const auto kept = RegistrationStore(db).find(fixedFrame, movingFrame);
        return kept && kept->how == "aligned manually";
    }, 10000));

    // Alt+Shift+Right (its menu action) in the prior's view: its anatomy taken 1 mm further to the patient's left.
    const double x = link->transform.translation.x;
    grid.setActive(1);
    QAction* nudgeLeft = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
        if (a->shortcut() == QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Right))
            nudgeLeft = a;
    REQUIRE(nudgeLeft);
    nudgeLeft->trigger();
    const auto nudged = grid.frameLinks().find(fixedFrame, movingFrame);
    CHECK(nudged->transform.translation.x == Approx(x + 1));
    CHECK(nudged->transform.translation.y == Approx(link->transform.translation.y));

    // Study > Save registration as DICOM: a Spatial Registration of the current study in the cache,
    // holding the alignment as it is now.
    QAction* save = window.findChild<QAction*>("save-registration");
    REQUIRE(save);
    save->trigger();
    std::vector<std::string> objects;
    REQUIRE(QTest::qWaitFor([&] {
        CacheDatabase db(studies.setup.db.toStdString());
        objects = StudyIndex(db).filesOfClass(now->studyUid().toStdString(), kSpatialRegistrationClass);
        return objects.size() == 1;
    }, 10000));
    const SpatialRegistration saved = readSpatialRegistration(objects.front());
    CHECK(saved.frameOfReferenceUid == fixedFrame);
    CHECK(saved.description == "aligned manually");
    const auto kept = saved.transform(fixedFrame, movingFrame);
    REQUIRE(kept);
    CHECK((kept->apply(boneNow) - nudged->transform.apply(boneNow)).norm() < 1e-4);
}
