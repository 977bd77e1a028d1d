// The PET/CT stage in the window: the rotating MIP plays; a click on the lesion in a MIP frame
// stops it and moves the CT, PET and fused views to the lesion's slice, the status naming its
// hottest voxel's SUV; the fusion toolbar's opacity and colour table change what the view draws.
#include "MainWindowFixture.h"

#include "ViewDescription.h"

#include "FusionReactions.h"
#include "PetMipReactions.h"
#include "SuvKindReactions.h"
#include "ProtocolReactions.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/RotatingMip.h"
#include "hf/rendering/SliceOverlay.h"
#include "hf/rendering/SliceScene.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QSlider>

using namespace hf;
using namespace hf::test;

TEST_CASE("a click on the lesion in the rotating MIP takes the other PET/CT views to it", "[gui][pet][protocols]")
{
    const Setup setup = emptySetup("pet-mip-window");
    PhantomOptions ct;
    ct.columns = ct.rows = 64;
    ct.slices = 16;
    ct.seed = 7;
    PhantomOptions pet = petBeside(ct);
    pet.seriesNumber = 2;
    cachePhantoms(setup, {{"ct", ct}, {"pt", pet}});
    const PhantomWriter ctWriter{PhantomModel(ct)};
    TestWindow t(optionsFor(setup));
    gui::MainWindow& window = *t.window;
    window.hangStudy(QString::fromStdString(ctWriter.identity().studyUid));
    gui::PetMipReactions& mips = window.petMipReactions();
    REQUIRE(QTest::qWaitFor([&] { return mips.mipOf(3) != nullptr; }, 60000));
    CHECK(window.hangingState().protocol == "PET/CT");
    SliceViewport* mipView = window.viewportGrid()->view(3);
    CHECK(mipView->cinePlaying());
    REQUIRE(QTest::qWaitFor([&] { return window.viewportGrid()->view(2)->fusion().drawn(); }, 60000));
    // The CT and the PET of one study: one Frame of Reference, and the corners say so (cut to
    // the 2x2 view's width: "Linked: s…").
    for (int v : {0, 1})
        CHECK(gui::describeViews(window)["views"][v].toObject()["corners"].toObject()["top_right"].toString().startsWith("Linked: s"));

    // Frame 0 looks from the front: the 40000 Bq/mL lesion (x = +0.45 R) shows right of centre.
    mipView->setCinePlaying(false);
    mipView->setSlice(0);
    const PhantomSphere lesion = PhantomModel(ct).sphere("bone");
    const RotatingMip& mip = *mips.mipOf(3);
    const Volume& frames = *mip.frames();
    // The MIP pixel over the lesion's centre: its column from the frame's centre, its row from the top.
    const StackGeometry& g = frames.geometry();
    const hf::Vec3 onFrame = g.toPatient((g.columns - 1) / 2.0 + lesion.center.x / g.columnSpacing, 0, 0);
    const hf::Vec3 mipPoint{onFrame.x, onFrame.y, lesion.center.z};  // rows run down from the top at the frame's z
    const auto at = mipView->scene().viewPosition(mipPoint);
    const qreal ratio = mipView->devicePixelRatioF();
    // Away from the slice the lesion is on.
    for (int v = 0; v < 3; ++v)
        window.viewportGrid()->view(v)->setSlice(0);
    QTest::mouseClick(mipView, Qt::LeftButton, Qt::NoModifier, QPoint(int(at[0] / ratio), int(at[1] / ratio)));
    const int expected = *nearestSlice(window.viewportGrid()->view(0)->volume()->geometry(), lesion.center);
    for (int v = 0; v < 3; ++v) {
        INFO("view " << v);
        CHECK(std::abs(window.viewportGrid()->view(v)->slice() - *nearestSlice(window.viewportGrid()->view(v)->volume()->geometry(), lesion.center)) <= 1);
    }
    CHECK(std::abs(window.viewportGrid()->view(0)->slice() - expected) <= 1);
    CHECK_FALSE(mipView->cinePlaying());
    const double suv = 40000 * petSuvFactor();
    const hf::Vec3 found = mips.goToLesion(3, lesion.center + hf::Vec3{3, 3, 0});
    CHECK((found - lesion.center).norm() <= lesion.radius);
    // Held, not borrowed: choosing another SUV kind below gives the view a new Volume, and a
    // reference to the old one would dangle.
    const std::shared_ptr<const Volume> petVolumeHeld = window.viewportGrid()->view(1)->volume();
    const Volume& petVolume = *petVolumeHeld;
    const hf::Vec3 index = petVolume.geometry().toIndex(found);
    CHECK(petVolume.valueAt(int(std::lround(index.x)), int(std::lround(index.y)), int(std::lround(index.z))) * petVolume.suv.factor ==
          Approx(suv).epsilon(1e-6));

    // The fused view's probe gives the PET's SUV under the mouse beside the CT's HU.
    SliceViewport* fusedView = window.viewportGrid()->view(2);
    fusedView->setSlice(*nearestSlice(fusedView->volume()->geometry(), lesion.center));
    QSignalSpy probes(fusedView, &SliceViewport::probed);
    const auto overLesion = fusedView->scene().viewPosition(lesion.center);
    QTest::mouseMove(fusedView, QPoint(int(overLesion[0] / ratio), int(overLesion[1] / ratio)));
    REQUIRE_FALSE(probes.isEmpty());
    const QString probed = probes.last().at(0).toString();
    INFO(probed.toStdString());
    CHECK(probed.startsWith("HU 1000"));
    CHECK(probed.contains(QString("fused SUVbw %1").arg(suv, 0, 'f', 2)));

    // The toolbar: opacity 0 leaves the CT alone; Jet changes the table the view draws in.
    window.viewportGrid()->setActive(2);
    auto* opacity = window.findChild<QSlider*>("fusion-opacity");
    auto* table = window.findChild<QComboBox*>("fusion-colour-table");
    REQUIRE(opacity);
    REQUIRE(table);
    CHECK(opacity->value() == 50);
    opacity->setValue(20);
    CHECK(window.viewportGrid()->view(2)->fusion().look().opacity == Approx(0.2));
    table->setCurrentText("Jet");
    CHECK(window.viewportGrid()->view(2)->fusion().look().table.name() == "Jet");

    // SUV by lean body mass: the PET view and the fused PET speak it; without the patient's
    // height (the phantom has none) the reason is named and the values stay Bq/mL.
    window.suvKindReactions().setKind(1);
    const Volume& lbm = *window.viewportGrid()->view(1)->volume();
    CHECK(lbm.data() == petVolume.data());  // the same voxels
    CHECK_FALSE(lbm.suv.ok);
    CHECK(lbm.suv.reason.find("Patient's Size (0010,1020)") != std::string::npos);
    const std::string corner = window.viewportGrid()->view(1)->scene().overlay().shownCornerText(SliceOverlay::BottomRight);
    INFO(corner);
    CHECK(corner.rfind("Bq/mL:", 0) == 0);  // the rest is elided in the small test window
    window.suvKindReactions().setKind(0);
    CHECK(window.viewportGrid()->view(1)->volume()->suv.kind == "SUVbw");
    CHECK(window.viewportGrid()->view(2)->fusion().overlay()->suv.kind == "SUVbw");
}
