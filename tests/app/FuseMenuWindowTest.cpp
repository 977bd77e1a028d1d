// View > PET/CT > Fuse with: the active view's study's other series, and a submenu per other
// study of the patient; choosing a prior's PET registers it to the CT and fuses it.
#include "MainWindowFixture.h"

#include "FusionReactions.h"
#include "ViewDescription.h"
#include "RegistrationReactions.h"

#include "hf/rendering/MprScene.h"
#include "hf/viewer/MprObjectDisplay.h"
#include "hf/viewer/MprWidget.h"

#include <QAction>
#include <QMenu>

using namespace hf;
using namespace hf::test;

namespace {

// Today's CT of the patient and a PET of the year before, the patient then 10 mm to the left.
std::pair<PhantomOptions, PhantomOptions> ctAndPriorPet(unsigned seed)
{
    PhantomOptions ct;
    ct.columns = ct.rows = 64;
    ct.slices = 32;
    ct.seed = seed;
    PhantomOptions pet = petBeside(ct);
    pet.studyDate = "20250101";
    pet.translate = {10, 0, 0};
    return {ct, pet};
}

} // namespace

TEST_CASE("Fuse with lists the prior's series, and fusing one registers it first", "[gui][pet][registration]")
{
    const Setup setup = emptySetup("fuse-menu-window");
    const auto [ct, pet] = ctAndPriorPet(33);
    cachePhantoms(setup, {{"ct", ct}, {"pt", pet}});
    const PhantomWriter ctWriter{PhantomModel(ct)}, petWriter{PhantomModel(pet)};
    gui::GuiOptions options = optionsFor(setup);
    options.layout = "1x1";
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.open({QString::fromStdString((setup.folder / "ct").string())});
    SliceViewport* view = window.viewportGrid()->view(0);
    REQUIRE(QTest::qWaitFor([&] { return view->volume() && view->seriesUid() == QString::fromStdString(ctWriter.identity().seriesUid); }, 30000));

    auto* menu = window.findChild<QMenu*>("fuse-with");
    REQUIRE(menu);
    QMetaObject::invokeMethod(menu, "aboutToShow");
    // The prior's study, with its PET in it.
    QAction* petAction = nullptr;
    REQUIRE(QTest::qWaitFor([&] {
        for (QAction* a : menu->actions())
            if (a->menu() && a->text().startsWith("20250101"))
                for (QAction* inner : a->menu()->actions())
                    if (inner->text().startsWith("PT"))
                        petAction = inner;
        return petAction != nullptr;
    }, 10000));
    petAction->trigger();
    REQUIRE(QTest::qWaitFor([&] { return view->fusion().drawn(); }, 60000));
    CHECK(view->fusion().seriesUid() == petWriter.identity().seriesUid);
    REQUIRE(view->fusion().registration());
    // The prior's patient lay 10 mm to the left: that is what the registration says.
    const Vec3 moved = view->fusion().registration()->apply({0, 0, 0});
    CHECK(moved.x == Approx(10).margin(1.0));
    CHECK(std::abs(moved.y) < 1.0);
    CHECK(std::abs(moved.z) < 1.0);
}

TEST_CASE("a registration asked for twice tells both askers, and the MPR probe reads a registered prior where the anatomy is", "[gui][pet][registration]")
{
    const Setup setup = emptySetup("registration-waiters");
    const auto [ct, pet] = ctAndPriorPet(34);
    const PhantomWriter ctWriter{PhantomModel(ct)}, petWriter{PhantomModel(pet)};
    ctWriter.write((setup.folder / "ct").string());
    petWriter.write((setup.folder / "pt").string());
    gui::GuiOptions options = optionsFor(setup);
    options.layout = "1x2";
    options.seriesUid = QString::fromStdString(ctWriter.identity().seriesUid);  // the CT in the first view, the MPR's
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.open({QString::fromStdString((setup.folder / "ct").string()), QString::fromStdString((setup.folder / "pt").string())});
    ViewportGrid& grid = *window.viewportGrid();
    REQUIRE(QTest::qWaitFor([&] { return grid.view(0)->volume() && grid.view(1)->volume(); }, 30000));
    const int ctView = 0;
    REQUIRE(grid.view(0)->seriesUid() == QString::fromStdString(ctWriter.identity().seriesUid));
    const auto ctVolume = grid.view(ctView)->volume(), petVolume = grid.view(1 - ctView)->volume();
    // Two askers back to back (the views' own linking may have started it already): both hear.
    int told = 0;
    std::optional<RigidTransform> first, second;
    window.registrationReactions().link(ctVolume, petVolume, [&](std::optional<RigidTransform> found, const QString&) {
        first = found;
        ++told;
    });
    window.registrationReactions().link(ctVolume, petVolume, [&](std::optional<RigidTransform> found, const QString&) {
        second = found;
        ++told;
    });
    REQUIRE(QTest::qWaitFor([&] { return told == 2; }, 60000));
    REQUIRE(first);
    REQUIRE(second);
    CHECK(first->apply({0, 0, 0}).x == Approx(10).margin(1.0));
    // Today's CT and last year's PET: two Frames of Reference, linked by the registration.
    for (int v : {0, 1})
        CHECK(gui::describeViews(window)["views"][v].toObject()["corners"].toObject()["top_right"].toString().startsWith(
            "Linked: registered (MI)"));

    // Fused over the CT in the MPR: the probe at the CT's lesion reads the prior's lesion (10 mm
    // away in the prior's own coordinates), not the background beside it.
    grid.setActive(ctView);
    window.fusionReactions().fuse(ctView, QString::fromStdString(petWriter.identity().seriesUid), "jet", 0.5);
    REQUIRE(QTest::qWaitFor([&] { return grid.view(ctView)->fusion().drawn(); }, 60000));
    window.setLayoutName("mpr");
    MprWidget& mpr = *window.mprWidget();
    REQUIRE(QTest::qWaitFor([&] { return mpr.scene().volume() != nullptr && mpr.objects().drawn(MprPlane::Axial).fused; }, 30000));
    const PhantomSphere lesion = PhantomModel(ct).sphere("bone");
    mpr.scene().setCrosshair(lesion.center);
    mpr.refresh();
    const auto text = mpr.objects().fusedValueAt(lesion.center);
    REQUIRE(text);
    CHECK(*text == "SUVbw " + QString::number(40000 * petSuvFactor(), 'f', 2).toStdString());
}
