// Measuring in the MPR: the annotation tools on an oblique plane make measurements that keep
// their plane, measure in patient space on the resliced values, are drawn on the plane they lie
// in and cut where other planes (and 2D slices) cross them, and are shown again from the list.
#include "MainWindowFixture.h"
#include "TubePhantom.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/MprScene.h"
#include "hf/rendering/VolumeScene.h"
#include "hf/viewer/AnnotationListPanel.h"
#include "hf/viewer/CprWidget.h"
#include "hf/viewer/ReformatView.h"
#include "hf/rendering/ReformatScene.h"
#include "AnnotationController.h"
#include "hf/viewer/VolumeViewport.h"
#include "hf/viewer/MprViewport.h"
#include "hf/viewer/MprWidget.h"

#include <QAction>

#include <vtkRenderer.h>

using namespace hf;
using namespace hf::test;

namespace {

QPoint screenPoint(MprWidget& mpr, MprPlane plane, const Vec3& p)
{
    const auto at = mpr.scene().viewPosition(plane, p);
    const qreal ratio = mpr.view(plane)->devicePixelRatioF();
    return QPoint(int(std::lround(at[0] / ratio)), int(std::lround(at[1] / ratio)));
}

void drag(MprWidget& mpr, MprPlane plane, const Vec3& from, const Vec3& to)
{
    MprViewport* view = mpr.view(plane);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, screenPoint(mpr, plane, from));
    QTest::mouseMove(view, screenPoint(mpr, plane, to));
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, screenPoint(mpr, plane, to));
}

// The patient point the view really used for a screen point (a whole pixel).
Vec3 clicked(MprWidget& mpr, MprPlane plane, const Vec3& p)
{
    const QPoint s = screenPoint(mpr, plane, p);
    const qreal ratio = mpr.view(plane)->devicePixelRatioF();
    return mpr.scene().patientPosition(plane, s.x() * ratio, s.y() * ratio);
}

const ViewAnnotation* byKind(SliceViewport& view, AnnotationKind kind)
{
    for (const ViewAnnotation& a : view.editing().annotations())
        if (a.annotation.kind == kind)
            return &a;
    return nullptr;
}

bool contains(const std::vector<std::string>& ids, const std::string& id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A window opening the phantom written into the setup's folder, in `layout`.
gui::GuiOptions tubeWindowOptions(const Setup& setup, const PhantomModel& model, const QString& layout)
{
    PhantomWriter{model}.write((setup.folder / "ct").string());
    gui::GuiOptions options = optionsFor(setup);
    options.paths = {QString::fromStdString((setup.folder / "ct").string())};
    options.layout = layout;
    return options;
}

} // namespace

TEST_CASE("the annotation tools measure on an oblique MPR plane and keep it", "[gui][mpr][plane]")
{
    const Setup setup = emptySetup("mpr-measure-window");
    PhantomOptions ct;
    ct.columns = ct.rows = 64;
    ct.slices = 24;
    ct.columnSpacing = ct.rowSpacing = 1.5;
    ct.sliceSpacing = 2;
    const PhantomModel model(ct);
    PhantomWriter{model}.write((setup.folder / "ct").string());
    gui::GuiOptions options = optionsFor(setup);
    options.paths = {QString::fromStdString((setup.folder / "ct").string())};
    options.layout = "mpr";
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.open(options.paths);
    MprWidget& mpr = *window.mprWidget();
    SliceViewport& view = *window.viewportGrid()->view(0);
    REQUIRE(QTest::qWaitFor([&] { return mpr.scene().volume() && view.volume(); }, 30000));
    const PhantomSphere bone = model.sphere("bone");  // 1000 HU, radius 9.6 mm
    mpr.scene().setCrosshair(bone.center);
    mpr.scene().rotate(MprPlane::Axial, 30);  // the coronal plane turned 30 degrees: oblique
    mpr.refresh();
    const Vec3 right = mpr.scene().right(MprPlane::Coronal), up = mpr.scene().up(MprPlane::Coronal);

    QAction* lengthTool = window.findChild<QAction*>("tool-length");
    REQUIRE(lengthTool);
    lengthTool->trigger();
    // Where the clicks land, before the annotation list appears beside the views and resizes them.
    const Vec3 from = clicked(mpr, MprPlane::Coronal, bone.center - right * 8), to = clicked(mpr, MprPlane::Coronal, bone.center + right * 8);
    const double mm = mpr.scene().millimetresPerPixel(MprPlane::Coronal);
    drag(mpr, MprPlane::Coronal, bone.center - right * 8, bone.center + right * 8);
    REQUIRE(QTest::qWaitFor([&] { return byKind(view, AnnotationKind::Length); }, 10000));
    const ViewAnnotation length = *byKind(view, AnnotationKind::Length);
    REQUIRE(length.annotation.plane);
    CHECK(std::abs(length.annotation.plane->normal().dot(mpr.scene().normal(MprPlane::Coronal))) == Approx(1));
    CHECK((length.annotation.points[0] - from).norm() < 1e-9);
    CHECK((length.annotation.points[1] - to).norm() < 1e-9);
    const double expected = (to - from).norm();
    CHECK(length.summary == "Length " + QString::number(expected, 'f', 2).toStdString() + " mm");
    CHECK(expected == Approx(16).margin(2 * mm));
    CHECK(length.calibration.rfind("patient space, 1.50 mm voxels", 0) == 0);

    QAction* ellipseTool = window.findChild<QAction*>("tool-ellipse");
    REQUIRE(ellipseTool);
    ellipseTool->trigger();
    drag(mpr, MprPlane::Coronal, bone.center - right * 5 + up * 5, bone.center + right * 5 - up * 5);
    REQUIRE(QTest::qWaitFor([&] { return byKind(view, AnnotationKind::Ellipse); }, 10000));
    const ViewAnnotation ellipse = *byKind(view, AnnotationKind::Ellipse);
    INFO(ellipse.summary);
    CHECK(ellipse.summary.find("Mean 1000.0 HU, SD 0.00 HU") != std::string::npos);  // inside the sphere, on the resliced plane
    REQUIRE(ellipse.annotation.plane);

    // Drawn whole on the coronal plane; the length also lies in the axial plane through the
    // crosshair; the sagittal plane, across both, shows where they cross it.
    CHECK(contains(mpr.view(MprPlane::Coronal)->editing().shownIds(), length.annotation.id));
    CHECK(contains(mpr.view(MprPlane::Coronal)->editing().shownIds(), ellipse.annotation.id));
    CHECK(contains(mpr.view(MprPlane::Axial)->editing().shownIds(), length.annotation.id));
    int markers = 0, chords = 0;
    for (const OverlayShape& s : mpr.scene().annotationShapes(MprPlane::Sagittal)) {
        markers += s.type == OverlayShape::Type::Marker && s.id == length.annotation.id;
        chords += s.type == OverlayShape::Type::Segments && s.id == ellipse.annotation.id;
        if (s.id == length.annotation.id)
            CHECK((s.points.front() - bone.center).norm() < 1.0);  // the line crosses it at its middle
    }
    CHECK(markers == 1);
    CHECK(chords == 1);
    // Another coronal position (10 mm on): neither is drawn there.
    mpr.scene().scroll(MprPlane::Coronal, 10);
    mpr.refresh();
    CHECK_FALSE(contains(mpr.view(MprPlane::Coronal)->editing().shownIds(), ellipse.annotation.id));

    // The 2D view's axial slices: the ellipse's chord on the slices its plane crosses.
    const int centreSlice = *nearestSlice(view.volume()->geometry(), bone.center);
    view.setSlice(centreSlice + 2);  // 4 mm above the centre: the ellipse reaches 5 mm up
    CHECK(contains(view.editing().shownIds(), ellipse.annotation.id));
    view.setSlice(centreSlice + 4);  // 8 mm: beyond it
    CHECK_FALSE(contains(view.editing().shownIds(), ellipse.annotation.id));

    // From the annotation list: the MPR turns back to the ellipse's plane and selects it.
    mpr.scene().resetOrientation();
    mpr.refresh();
    auto* list = window.findChild<AnnotationListPanel*>();
    REQUIRE(list);
    emit list->jumpRequested(QString::fromStdString(ellipse.annotation.id), ellipse.slice);
    CHECK(std::abs(mpr.scene().normal(MprPlane::Coronal).dot(ellipse.annotation.plane->normal())) == Approx(1));
    CHECK(mpr.view(MprPlane::Coronal)->editing().selected() == ellipse.annotation.id);
    CHECK(contains(mpr.view(MprPlane::Coronal)->editing().shownIds(), ellipse.annotation.id));

    // An ellipse drawn on an acquired axial image: the coronal plane through its middle shows its
    // chord (along the image's axes), the axial plane through it the whole ellipse.
    const Vec3 fat = model.sphere("fat").center;
    window.annotationController()->add(QString::fromStdString(view.seriesUid().toStdString()), AnnotationKind::Ellipse,
                                       {fat - Vec3{6, 4, 0}, fat + Vec3{6, 4, 0}}, {});
    const ViewAnnotation* acquired = nullptr;
    REQUIRE(QTest::qWaitFor([&] {
        for (const ViewAnnotation& a : view.editing().annotations())
            if (a.annotation.kind == AnnotationKind::Ellipse && !a.annotation.plane)
                acquired = &a;
        return acquired != nullptr;
    }, 10000));
    const std::string acquiredId = acquired->annotation.id;
    mpr.scene().resetOrientation();
    mpr.scene().setCrosshair(fat);
    mpr.refresh();
    int chordsAcross = 0;
    for (const OverlayShape& shape : mpr.scene().annotationShapes(MprPlane::Coronal))
        if (shape.id == acquiredId && shape.type == OverlayShape::Type::Segments && shape.points.size() == 2) {
            ++chordsAcross;
            CHECK((shape.points[1] - shape.points[0]).norm() == Approx(12).margin(0.5));  // its full width, through its middle
        }
    CHECK(chordsAcross == 1);
    bool whole = false;
    for (const OverlayShape& shape : mpr.scene().annotationShapes(MprPlane::Axial))
        whole = whole || (shape.id == acquiredId && shape.type == OverlayShape::Type::Ellipse);
    CHECK(whole);
}

TEST_CASE("the 3D ruler measures between two points of the rendered surface and keeps it as a length", "[gui][3d][plane]")
{
    const Setup setup = emptySetup("ruler-window");
    PhantomOptions ct;
    ct.columns = ct.rows = 64;
    ct.slices = 16;
    ct.sliceSpacing = 2;
    const PhantomModel model(ct);
    PhantomWriter{model}.write((setup.folder / "ct").string());
    gui::GuiOptions options = optionsFor(setup);
    options.paths = {QString::fromStdString((setup.folder / "ct").string())};
    options.layout = "2d3d";
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.open(options.paths);
    SliceViewport& view = *window.viewportGrid()->view(0);
    VolumeViewport& volumeView = *window.volumeViewport();
    REQUIRE(QTest::qWaitFor([&] { return view.volume() && volumeView.scene().hasVolume(); }, 30000));
    volumeView.renderNow();
    QAction* lengthTool = window.findChild<QAction*>("tool-length");
    REQUIRE(lengthTool);
    lengthTool->trigger();
    REQUIRE(volumeView.rulerTool());
    const PhantomSphere bone = model.sphere("bone");
    const int height = volumeView.scene().renderer()->GetSize()[1];
    auto pixelOf = [&](const Vec3& p) {
        volumeView.scene().renderer()->SetWorldPoint(p.x, p.y, p.z, 1);
        volumeView.scene().renderer()->WorldToDisplay();
        const double* d = volumeView.scene().renderer()->GetDisplayPoint();
        return std::array<double, 2>{d[0], height - 1 - d[1]};
    };
    const Vec3 aside = bone.center + Vec3{0.5 * bone.radius, 0, 0};
    const auto a = pixelOf(bone.center), b = pixelOf(aside);
    volumeView.pickRulerPoint(a[0], a[1]);
    volumeView.pickRulerPoint(b[0], b[1]);
    REQUIRE(QTest::qWaitFor([&] { return byKind(view, AnnotationKind::Length); }, 10000));
    const ViewAnnotation ruler = *byKind(view, AnnotationKind::Length);
    REQUIRE(ruler.annotation.plane);
    // The sphere's front at its centre and half a radius aside (seen from the front).
    const Vec3 front = bone.center - Vec3{0, bone.radius, 0}, side = aside - Vec3{0, std::sqrt(0.75) * bone.radius, 0};
    CHECK((ruler.annotation.points[0] - front).norm() <= 1.5);
    CHECK((ruler.annotation.points[1] - side).norm() <= 1.5);
    const double measured = (ruler.annotation.points[1] - ruler.annotation.points[0]).norm();
    CHECK(ruler.summary == "Length " + QString::number(measured, 'f', 2).toStdString() + " mm");
    CHECK(ruler.calibration.rfind("patient space", 0) == 0);
}

TEST_CASE("the curved reformat's cross-section measures the tube's diameter and keeps its plane", "[gui][cpr][plane]")
{
    const Setup setup = emptySetup("cpr-window");
    const PhantomModel model(tubePhantom());
    gui::GuiOptions options = tubeWindowOptions(setup, model, "cpr");
    options.path = model.tube()->centreline(16);
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.open(options.paths);
    CprWidget& cpr = *window.cprWidget();
    SliceViewport& view = *window.viewportGrid()->view(0);
    REQUIRE(QTest::qWaitFor([&] { return cpr.volume() && cpr.path() && view.volume(); }, 30000));
    REQUIRE(window.cprShown());
    cpr.setStation(cpr.path()->length() * 0.4);
    const PhantomTube& tube = *model.tube();
    const AnnotationPlane section = cpr.crossSectionPlane();
    CHECK(tube.distance(section.origin) < 0.5);
    // A line across the vessel on the cross-section, from wall to wall (its known diameter).
    QAction* lengthTool = window.findChild<QAction*>("tool-length");
    REQUIRE(lengthTool);
    lengthTool->trigger();
    MprViewport* sectionView = cpr.crossSectionView();
    MprScene& scene = cpr.crossSectionScene();
    auto screen = [&](const Vec3& p) {
        const auto at = scene.viewPosition(MprPlane::Axial, p);
        return QPoint(int(std::lround(at[0] / sectionView->devicePixelRatioF())), int(std::lround(at[1] / sectionView->devicePixelRatioF())));
    };
    const Vec3 from = section.origin - section.row * tube.radius, to = section.origin + section.row * tube.radius;
    QTest::mousePress(sectionView, Qt::LeftButton, Qt::NoModifier, screen(from));
    QTest::mouseMove(sectionView, screen(to));
    QTest::mouseRelease(sectionView, Qt::LeftButton, Qt::NoModifier, screen(to));
    REQUIRE(QTest::qWaitFor([&] { return byKind(view, AnnotationKind::Length); }, 10000));
    const ViewAnnotation diameter = *byKind(view, AnnotationKind::Length);
    REQUIRE(diameter.annotation.plane);
    CHECK(std::abs(diameter.annotation.plane->normal().dot(section.normal())) == Approx(1).margin(1e-6));
    const double length = (diameter.annotation.points[1] - diameter.annotation.points[0]).norm();
    CHECK(length == Approx(2 * tube.radius).margin(2 * scene.millimetresPerPixel(MprPlane::Axial)));
    // Shown on the cross-section it was drawn on.
    CHECK(contains(sectionView->editing().shownIds(), diameter.annotation.id));

    // With the Length tool, a drag down the straightened reformat measures along the path: a
    // path annotation of that stretch (rows 10 to 40: 30 voxels of 1 mm).
    ReformatView* straightened = cpr.straightenedView();
    const qreal ratio = straightened->devicePixelRatioF();
    auto rowPoint = [&](double row) {
        const auto at = straightened->scene().viewPosition((straightened->scene().imageColumns() - 1) / 2.0 + 5, row);
        return QPoint(int(std::lround(at[0] / ratio)), int(std::lround(at[1] / ratio)));
    };
    QTest::mousePress(straightened, Qt::LeftButton, Qt::NoModifier, rowPoint(10));
    QTest::mouseMove(straightened, rowPoint(40));
    QTest::mouseRelease(straightened, Qt::LeftButton, Qt::NoModifier, rowPoint(40));
    REQUIRE(QTest::qWaitFor([&] { return byKind(view, AnnotationKind::Path); }, 10000));
    const ViewAnnotation stretch = *byKind(view, AnnotationKind::Path);
    INFO(stretch.summary);
    const double along = std::stod(stretch.summary.substr(std::string("Length ").size()));
    CHECK(along == Approx(30).margin(1.0));  // a screen pixel's rounding of either row at most

    // Chosen in the list, the stretch becomes the reformat's path; moved (its handles dragged
    // elsewhere), the reformat follows.
    auto* list = window.findChild<AnnotationListPanel*>();
    REQUIRE(list);
    emit list->jumpRequested(QString::fromStdString(stretch.annotation.id), stretch.slice);
    REQUIRE(cpr.pathAnnotationId() == stretch.annotation.id);
    CHECK(cpr.path()->length() == Approx(along).margin(0.01));  // the summary has two decimals
    std::vector<Vec3> longer = model.tube()->centreline(16);
    window.annotationController()->edit(QString::fromStdString(view.seriesUid().toStdString()), QString::fromStdString(stretch.annotation.id),
                                        longer);
    REQUIRE(QTest::qWaitFor([&] { return cpr.path()->length() > along + 10; }, 10000));
    CHECK(cpr.path()->length() == Approx(CurvedPath(longer).length()).margin(1e-6));
}

TEST_CASE("the Curved layout shows the series' newest path, and refuses without one", "[gui][cpr]")
{
    const Setup setup = emptySetup("cpr-layout-window");
    const PhantomModel model(tubePhantom());
    gui::GuiOptions options = tubeWindowOptions(setup, model, "1x1");
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.open(options.paths);
    SliceViewport& view = *window.viewportGrid()->view(0);
    REQUIRE(QTest::qWaitFor([&] { return view.volume() != nullptr; }, 30000));
    QAction* curved = nullptr;
    for (QAction* a : window.findChildren<QAction*>())
        if (a->data().toString() == "cpr")
            curved = a;
    REQUIRE(curved);
    curved->trigger();  // no path yet: nothing to show, the 1x1 button stays checked
    CHECK_FALSE(window.cprShown());
    CHECK_FALSE(curved->isChecked());
    QTest::qWait(50);
    window.annotationController()->add(QString::fromStdString(view.seriesUid().toStdString()), AnnotationKind::Path,
                                       model.tube()->centreline(12), {});
    REQUIRE(QTest::qWaitFor([&] { return byKind(view, AnnotationKind::Path); }, 10000));
    const ViewAnnotation path = *byKind(view, AnnotationKind::Path);
    curved->trigger();
    REQUIRE(window.cprShown());
    CprWidget& cpr = *window.cprWidget();
    REQUIRE(QTest::qWaitFor([&] { return cpr.path() && cpr.volume(); }, 10000));
    CHECK(cpr.pathAnnotationId() == path.annotation.id);
    CHECK(cpr.path()->length() == Approx(std::stod(path.summary.substr(std::string("Length ").size()))).margin(0.01));
    CHECK(curved->isChecked());
}
