// Hanging protocols in the main window: the study list's Enter hangs a study by its protocol,
// the stage keys step through the protocol's stages (MPR with a MIP slab included), and "Save
// layout as protocol" writes a file that hangs the study the way it was left.
#include "MainWindowFixture.h"

#include "PlanJson.h"
#include "ProtocolReactions.h"
#include "ProtocolReader.h"
#include "ViewDescription.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/HeaderScanner.h"
#include "hf/rendering/MprScene.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/StudyListWidget.h"

#include <QAction>
#include <QJsonArray>
#include <QFileInfo>
#include <QTableView>

using namespace hf;
using namespace hf::test;

namespace {

// A chest CT of axial, coronal and sagittal series (seed 41) in the setup's cache.
struct ChestStudy {
    Setup setup;
    QString studyUid, axial, coronal, sagittal;
};

ChestStudy cacheChestStudy(const std::string& name)
{
    ChestStudy c;
    c.setup.folder = scratch(name);
    c.setup.db = QString::fromStdString((c.setup.folder / "cache.db").string());
    int number = 1;
    for (const std::string plane : {"axial", "coronal", "sagittal"}) {
        PhantomOptions o;
        o.columns = o.rows = 32;
        o.slices = 16;
        o.orientation = plane;
        o.seriesNumber = number++;
        o.seed = 41;
        o.bodyPart = "CHEST";
        PhantomWriter writer{PhantomModel(o)};
        writer.write((c.setup.folder / plane).string());
        c.studyUid = QString::fromStdString(writer.identity().studyUid);
        (plane == "axial" ? c.axial : plane == "coronal" ? c.coronal : c.sagittal) = QString::fromStdString(writer.identity().seriesUid);
    }
    CacheDatabase db(c.setup.db.toStdString());
    StudyIndex(db).add(HeaderScanner().scan({c.setup.folder.string()}).frames);
    return c;
}

gui::GuiOptions optionsIn(const ChestStudy& c)
{
    gui::GuiOptions o = optionsFor(c.setup);
    o.protocolFolder = QString::fromStdString((c.setup.folder / "protocols").string());
    return o;
}

bool showsSeries(gui::MainWindow& window, int view, const QString& uid)
{
    const SliceViewport* v = window.viewportGrid()->view(view);
    return v->seriesUid() == uid && v->scene().hasVolume();
}

bool hungAsChest(gui::MainWindow& window, const ChestStudy& c)
{
    return window.viewportGrid()->viewCount() == 4 && showsSeries(window, 0, c.axial) && showsSeries(window, 1, c.axial) &&
           showsSeries(window, 2, c.coronal) && showsSeries(window, 3, c.sagittal);
}

} // namespace

TEST_CASE("Enter in the study list hangs the study by its protocol, and the stage keys step through its stages", "[gui][protocols]")
{
    const ChestStudy c = cacheChestStudy("protocol-window-enter");
    TestWindow t(optionsIn(c));
    gui::MainWindow& window = *t.window;
    auto* list = window.findChild<StudyListWidget*>();
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return list->selectedStudyUid() == c.studyUid; }, 10000));
    QTableView* table = list->table();
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Return);
    REQUIRE(QTest::qWaitFor([&] { return hungAsChest(window, c); }, 30000));
    gui::HangingState state = window.hangingState();
    CHECK(state.protocol == "CT chest");
    CHECK(state.stage == 1);
    CHECK(window.viewportGrid()->view(1)->scene().windowWidth() == 1500);  // CT lung
    CHECK(window.viewportGrid()->view(0)->scene().windowWidth() == 350);   // CT mediastinum

    // Next stage: the axial series in the MPR (no reload), lung window.
    QAction* next = window.findChild<QAction*>("next-stage");
    REQUIRE(next);
    REQUIRE(next->shortcut() == QKeySequence(Qt::ALT | Qt::Key_Right));
    next->trigger();
    REQUIRE(QTest::qWaitFor([&] { return window.mprShown() && window.mprWidget()->scene().volume(); }, 30000));
    CHECK(window.hangingState().stage == 2);
    CHECK(window.mprWidget()->scene().windowWidth() == 1500);
    CHECK(window.mprWidget()->scene().slabThickness() == 0);
    next->trigger();  // the MIP slab for nodules
    CHECK(window.hangingState().stage == 3);
    CHECK(window.mprWidget()->scene().slabThickness() == 10);
    next->trigger();  // no fourth stage: it stays
    CHECK(window.hangingState().stage == 3);
    window.findChild<QAction*>("previous-stage")->trigger();
    window.findChild<QAction*>("previous-stage")->trigger();
    CHECK(window.hangingState().stage == 1);
    REQUIRE(QTest::qWaitFor([&] { return !window.mprShown() && hungAsChest(window, c); }, 30000));
}

TEST_CASE("a stage's view that nothing matches is left empty, not showing the series it had", "[gui][protocols]")
{
    const ChestStudy c = cacheChestStudy("protocol-window-empty");
    TestWindow t(optionsIn(c));
    gui::MainWindow& window = *t.window;
    window.hangStudy(c.studyUid, "CT chest");
    REQUIRE(QTest::qWaitFor([&] { return hungAsChest(window, c); }, 30000));
    // The fallback: one series per view, in series order; three series for four views.
    window.hangStudy(c.studyUid, "Fallback");
    REQUIRE(QTest::qWaitFor([&] { return window.hangingState().protocol == "Fallback"; }, 30000));
    REQUIRE(QTest::qWaitFor([&] {
        return showsSeries(window, 0, c.axial) && showsSeries(window, 1, c.coronal) && showsSeries(window, 2, c.sagittal);
    }, 30000));
    const SliceViewport* fourth = window.viewportGrid()->view(3);
    CHECK_FALSE(fourth->scene().hasVolume());
    CHECK(fourth->seriesUid().isEmpty());
    CHECK_FALSE(gui::describeViews(window)["views"].toArray()[3].toObject().contains("series"));
}

TEST_CASE("Save layout as protocol writes a file that hangs the study as it was left", "[gui][protocols]")
{
    const ChestStudy c = cacheChestStudy("protocol-window-save");
    const gui::GuiOptions options = optionsIn(c);
    {
        TestWindow t(options);
        gui::MainWindow& window = *t.window;
        window.hangStudy(c.studyUid);
        REQUIRE(QTest::qWaitFor([&] { return hungAsChest(window, c); }, 30000));
        // The reader changes the arrangement: the sagittal series in view 0, windowed 100/800.
        window.viewportGrid()->view(0)->setWindow(100, 800);
        window.setLayoutName("1x2");
        QString error;
        const QString path = window.saveLayoutAsProtocol("Chest side by side", error);
        INFO(error.toStdString());
        REQUIRE_FALSE(path.isEmpty());
        CHECK(QFileInfo(path).fileName() == "chest-side-by-side.json");
        CHECK(QFileInfo(path).absolutePath() == QFileInfo(options.protocolFolder).absoluteFilePath());
        QString readError;
        const auto saved = protocols::ProtocolReader().read(path, readError);
        INFO(readError.toStdString());
        REQUIRE(saved);
        REQUIRE(saved->stages.size() == 1);
        CHECK(saved->stages[0].layout == "1x2");
        REQUIRE(saved->stages[0].views.size() == 2);
        CHECK(*saved->stages[0].views[0].windowWidth == 800);
    }
    // A new session: the saved protocol wins for this study and hangs it as left.
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    window.hangStudy(c.studyUid);
    REQUIRE(QTest::qWaitFor([&] { return window.hangingState().stage == 1 && showsSeries(window, 0, c.axial) && showsSeries(window, 1, c.axial); }, 30000));
    CHECK(window.hangingState().protocol == "Chest side by side");
    CHECK(window.viewportGrid()->viewCount() == 2);
    CHECK(window.viewportGrid()->view(0)->scene().windowWidth() == 800);
    CHECK(window.viewportGrid()->view(0)->scene().windowCenter() == 100);
    CHECK(window.viewportGrid()->view(1)->scene().windowWidth() == 1500);
}
