// View > PET/CT > Fuse with: the active view's study's other series, and a submenu per other
// study of the patient; choosing a prior's PET registers it to the CT and fuses it.
#include "MainWindowFixture.h"

#include "FusionReactions.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"

#include <QAction>
#include <QMenu>

using namespace hf;
using namespace hf::test;

TEST_CASE("Fuse with lists the prior's series, and fusing one registers it first", "[gui][pet][registration]")
{
    Setup setup;
    setup.folder = scratch("fuse-menu-window");
    setup.db = QString::fromStdString((setup.folder / "cache.db").string());
    PhantomOptions ct;
    ct.columns = ct.rows = 64;
    ct.slices = 32;
    ct.seed = 33;
    PhantomOptions pet = ct;
    pet.modality = "PT";
    pet.columns = pet.rows = 32;
    pet.columnSpacing = pet.rowSpacing = 2;
    pet.studyDate = "20250101";
    pet.translate = {10, 0, 0};
    PhantomWriter ctWriter{PhantomModel(ct)}, petWriter{PhantomModel(pet)};
    ctWriter.write((setup.folder / "ct").string());
    petWriter.write((setup.folder / "pt").string());
    {
        CacheDatabase db(setup.db.toStdString());
        StudyIndex(db).add(HeaderScanner().scan({setup.folder.string()}).frames);
    }
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
