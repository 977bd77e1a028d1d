// A volume of interest drawn in the MPR: the sphere tool's drag in the axial plane from the PET
// phantom's lesion centre makes a sphere annotation of the series, outlined where the coronal and
// sagittal planes cut it and on the 2D slices it reaches, measuring the lesion's known SUV.
#include "MainWindowFixture.h"

#include "hf/annotations/Measurement.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/MprScene.h"
#include "hf/viewer/MprObjectDisplay.h"
#include "hf/viewer/MprViewport.h"
#include "hf/viewer/MprWidget.h"

#include <QAction>

using namespace hf;
using namespace hf::test;

TEST_CASE("the sphere tool draws a PET volume of interest in the MPR that measures the lesion's SUV", "[gui][pet][mpr]")
{
    const Setup setup = emptySetup("pet-voi-window");
    PhantomOptions pet;
    pet.modality = "PT";
    pet.columns = pet.rows = 64;
    pet.slices = 16;
    pet.columnSpacing = pet.rowSpacing = pet.sliceSpacing = 2;
    PhantomWriter writer{PhantomModel(pet)};
    writer.write((setup.folder / "pt").string());
    gui::GuiOptions options = optionsFor(setup);
    options.paths = {QString::fromStdString((setup.folder / "pt").string())};
    options.layout = "mpr";
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.open(options.paths);
    MprWidget& mpr = *window.mprWidget();
    REQUIRE(QTest::qWaitFor([&] { return mpr.scene().volume() && window.sliceViewport()->volume(); }, 30000));
    const PhantomSphere lesion = PhantomModel(pet).sphere("bone");  // 40000 Bq/mL, radius 12.8 mm
    mpr.scene().setCrosshair(lesion.center);
    mpr.refresh();

    QAction* tool = window.findChild<QAction*>("tool-sphere");
    REQUIRE(tool);
    tool->trigger();
    MprViewport* axial = mpr.view(MprPlane::Axial);
    const qreal ratio = axial->devicePixelRatioF();
    const auto from = mpr.scene().viewPosition(MprPlane::Axial, lesion.center);
    const auto to = mpr.scene().viewPosition(MprPlane::Axial, lesion.center + Vec3{0, 8, 0});
    QTest::mousePress(axial, Qt::LeftButton, Qt::NoModifier, QPoint(int(from[0] / ratio), int(from[1] / ratio)));
    QTest::mouseMove(axial, QPoint(int(to[0] / ratio), int(to[1] / ratio)));
    QTest::mouseRelease(axial, Qt::LeftButton, Qt::NoModifier, QPoint(int(to[0] / ratio), int(to[1] / ratio)));

    SliceViewport* view = window.viewportGrid()->view(0);
    REQUIRE(QTest::qWaitFor([&] { return view->editing().annotations().size() == 1; }, 10000));
    const Annotation& sphere = view->editing().annotations().front().annotation;
    CHECK(sphere.kind == AnnotationKind::Sphere);
    REQUIRE(sphere.points.size() == 2);
    const double radius = (sphere.points[1] - sphere.points[0]).norm();
    CHECK((sphere.points[0] - lesion.center).norm() <= 1.0);  // a screen pixel of the fitted plane
    CHECK(radius == Approx(8).margin(1.0));
    // Its surface point lies on its centre's image (along the volume's rows), for the SR's circle.
    CHECK(std::abs(sphere.points[1].z - sphere.points[0].z) < 1e-9);

    // Measured over the voxels inside it in 3D: all in the lesion, so its SUV, max, mean and peak.
    const double suv = 40000 * petSuvFactor();
    const Measurement m = measure(sphere, *view->volume());
    CHECK(m.valueOf("max").value_or(0) == Approx(suv).epsilon(0.01));
    CHECK(m.valueOf("mean").value_or(0) == Approx(suv).epsilon(0.01));
    CHECK(m.valueOf("peak").value_or(0) == Approx(suv).epsilon(0.01));
    CHECK(m.valueOf("diameter").value_or(0) == Approx(2 * radius));
    CHECK(m.values[3].unit == "SUVbw");
    CHECK(view->editing().annotations().front().summary.find("SUVbw") != std::string::npos);

    // Outlined on the coronal and sagittal planes through it, and on 2D slices within its radius.
    for (MprPlane plane : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        INFO("plane " << int(plane));
        CHECK(mpr.objects().drawn(plane).spheres == std::vector<std::string>{sphere.id});
    }
    mpr.scene().setCrosshair(lesion.center + Vec3{0, 0, radius + 4});  // the axial plane above it
    mpr.refresh();
    CHECK(mpr.objects().drawn(MprPlane::Axial).spheres.empty());
    const int centreSlice = *nearestSlice(view->volume()->geometry(), lesion.center);
    view->setSlice(centreSlice + 2);  // 4 mm off its centre: cut
    CHECK(view->editing().shownIds() == std::vector<std::string>{sphere.id});
    view->setSlice(centreSlice + 6);  // 12 mm off: missed
    CHECK(view->editing().shownIds().empty());
}
