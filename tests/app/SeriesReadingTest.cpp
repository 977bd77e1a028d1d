// Reading a whole series and study: stepping through the stacks of a series, the series strip
// with every stack of the study, the patient's other studies beside it.
#include "MainWindowFixture.h"

#include "CacheTasks.h"

#include "hf/dicomio/VolumeStatistics.h"
#include "hf/viewer/SeriesStrip.h"
#include "hf/viewer/StudyListWidget.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QJsonArray>
#include <QListWidget>
#include <QMimeData>

#include <algorithm>
#include <map>

using namespace hf;
using namespace hf::test;

namespace {

// The Siemens PD+T2 series (one series, two echoes) imported into the setup's cache, and the
// options that open it from there in one view.
gui::GuiOptions cachedPdT2(const Setup& s)
{
    const QString folder = QString::fromStdString((corpus() / "dcm_qa_pdt2/In").string());
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", folder, "--db", s.db}).exitCode == 0);
    const QJsonObject info = QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", folder, "--json"}).out.toUtf8()).object();
    gui::GuiOptions options = optionsFor(s);
    options.seriesUid = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    options.layout = "1x1";
    return options;
}

} // namespace

TEST_CASE("View > Next stack (Alt+Down) steps through the stacks of a series opened from the cache", "[gui][mainwindow][stacks]")
{
    const Setup s = prepare("mainwindow-stacks");
    const gui::GuiOptions options = cachedPdT2(s);
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    SliceViewport* view = window.sliceViewport();
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && view->stackPosition().count == 2; }, 30000));
    CHECK(view->stackPosition().index == 0);
    CHECK(view->stackPosition().label == "TE 11.00 ms");
    const double protonDensityMean = computeStatistics(*view->volume()).mean;

    QAction* next = window.findChild<QAction*>("next-stack");
    REQUIRE(next);
    CHECK(next->shortcut() == QKeySequence(Qt::ALT | Qt::Key_Down));
    next->trigger();
    REQUIRE(QTest::qWaitFor([&] { return view->stackPosition().index == 1 && view->volume() && view->scene().sliceCount() == 35; }, 30000));
    CHECK(view->stackPosition().label == "TE 92.00 ms");
    CHECK(view->seriesUid() == options.seriesUid);  // the same series, its other echo
    CHECK(computeStatistics(*view->volume()).mean < protonDensityMean);
    next->trigger();  // and round again
    REQUIRE(QTest::qWaitFor([&] { return view->stackPosition().index == 0; }, 30000));
}

TEST_CASE("the series strip lists every stack of the open study, marks the view's and opens another", "[gui][mainwindow][stacks]")
{
    const Setup s = prepare("mainwindow-strip");
    const gui::GuiOptions options = cachedPdT2(s);
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    auto* strip = window.findChild<SeriesStrip*>();
    REQUIRE(strip);
    REQUIRE(QTest::qWaitFor([&] { return strip->entryCount() == 2 && hasVolume(window); }, 30000));
    CHECK(strip->entry(0).label == "TE 11.00 ms");
    CHECK(strip->entry(1).label == "TE 92.00 ms");
    CHECK(strip->entry(0).images == 35);
    CHECK_FALSE(strip->entry(1).thumbnail.isNull());
    // Kept beside the cache, so coming back to the study decodes nothing again.
    for (const char* stack : {"-stack1.png", "-stack2.png"})
        CHECK(std::filesystem::exists(s.folder / "thumbnails" / (options.seriesUid.toStdString() + stack)));
    REQUIRE(QTest::qWaitFor([&] { return strip->entryText(0).contains("[view 1]"); }, 10000));
    CHECK_FALSE(strip->entryText(1).contains("[view"));

    strip->activate(1);  // a double click
    SliceViewport* view = window.sliceViewport();
    REQUIRE(QTest::qWaitFor([&] { return view->stackPosition().index == 1 && strip->entryText(1).contains("[view 1]"); }, 30000));
    CHECK_FALSE(strip->entryText(0).contains("[view"));

    // Dragged from the strip onto the view: series and stack travel together.
    QMimeData data;
    data.setData(SliceViewport::seriesMimeType(), (strip->studyUid() + "\n" + options.seriesUid + "\n0").toUtf8());
    const QPointF at(view->width() / 2.0, view->height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &enter);
    QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view, &drop);
    REQUIRE(QTest::qWaitFor([&] { return view->stackPosition().index == 0; }, 30000));
}

TEST_CASE("the patient's other studies in the cache appear beside the strip, newest first, and open", "[gui][mainwindow][stacks]")
{
    const Setup s = prepare("mainwindow-timeline");
    // A prior of the same patient: the phantom again as another study, taken in 2020.
    const auto prior = s.folder / "prior";
    std::filesystem::copy(s.phantom, prior);
    for (const auto& file : std::filesystem::directory_iterator(prior))
        REQUIRE(hf::test::runProcess("dcmodify", {"-nb", "-gin", "-m", "(0020,000d)=2.25.2020", "-m", "(0020,000e)=2.25.20201",
                                                  "-m", "(0008,0020)=20200101", "-m", "(0008,1030)=Prior phantom",
                                                  QString::fromStdString(file.path().string())})
                    .exitCode == 0);
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", QString::fromStdString(s.phantom.string()), QString::fromStdString(prior.string()),
                                              "--db", s.db})
                .exitCode == 0);
    gui::GuiOptions options = optionsFor(s);
    const QJsonObject info =
        QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", QString::fromStdString(s.phantom.string()), "--json"}).out.toUtf8())
            .object();
    options.seriesUid = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    const QString current = info["patients"][0]["studies"][0]["uid"].toString();
    options.layout = "1x1";
    TestWindow shown(options);
    gui::MainWindow& window = *shown.window;
    auto* strip = window.findChild<SeriesStrip*>();
    REQUIRE(QTest::qWaitFor([&] { return strip->timelineCount() == 2 && hasVolume(window); }, 30000));
    CHECK(strip->timelineText(0).contains("[open]"));  // 2026, the current one, first
    // Ranked as a prior (the only one): the default, marked once the priors are found.
    REQUIRE(QTest::qWaitFor([&] { return strip->timelineEntry(1).defaultPrior; }, 10000));
    CHECK(strip->timelineText(1).startsWith("[prior] 2020-01-01"));
    CHECK(strip->timelineEntry(1).why == "same modality and body part");
    CHECK(strip->timelineText(1).contains("Prior phantom"));
    CHECK(window.findChild<QDockWidget*>("series")->isVisible());  // one series, but a prior

    strip->activateStudy(1);
    REQUIRE(QTest::qWaitFor([&] { return window.sliceViewport()->studyUid() != current && hasVolume(window); }, 30000));
    CHECK(window.sliceViewport()->seriesInfo().study.description == "Prior phantom");
    REQUIRE(QTest::qWaitFor([&] { return strip->timelineText(1).contains("[open]"); }, 10000));
}

TEST_CASE("every stack of every corpus series is reachable from the series strip", "[gui][mainwindow][stacks]")
{
    const Setup s = prepare("mainwindow-strip-corpus");
    const QString folder = QString::fromStdString(corpus().string());
    hf::test::runProcess(HF_CLI_EXE, {"import", folder, "--db", s.db});  // refuses the non-DICOM files by name
    const QJsonObject info = QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", folder, "--json"}).out.toUtf8()).object();
    const gui::PresetLibrary presets;
    const auto station = stationFor(optionsFor(s), presets);
    QObject receiver;
    int studies = 0, checked = 0;
    for (const QJsonValue patient : info["patients"].toArray())
        for (const QJsonValue study : patient["studies"].toArray()) {
            int stacks = 0;
            for (const QJsonValue series : study["series"].toArray())
                stacks += series["stacks_total"].toInt();
            // Series of objects with no image (SR, SEG, RTSTRUCT) have one entry each, with their kind.
            std::map<QString, QString> objectKinds;
            for (const QJsonValue objects : study["objects"].toArray())
                objectKinds[objects["uid"].toString()] = objects["kind"].toString();
            ++studies;
            const QString uid = study["uid"].toString();
            station->cache().studyStacks({&receiver, {}, {}}, uid, [&, stacks, objectKinds, uid](std::vector<StripEntry> entries) {
                INFO("study " << uid.toStdString());
                CHECK(int(entries.size()) == stacks + int(objectKinds.size()));
                CHECK(std::count_if(entries.begin(), entries.end(), [](const StripEntry& e) { return e.isObjects(); })
                      == int(objectKinds.size()));
                for (const StripEntry& e : entries) {
                    if (e.isObjects()) {
                        const auto kind = objectKinds.find(e.seriesUid);
                        REQUIRE(kind != objectKinds.end());
                        CHECK(e.objectKind == kind->second);
                        CHECK(e.images == 0);
                        CHECK(e.objects >= 1);
                        CHECK(!e.thumbnail.isNull());
                    }
                }
                ++checked;
            });
        }
    REQUIRE(studies > 20);
    REQUIRE(QTest::qWaitFor([&] { return checked == studies; }, 120000));
    // The corpus's SEGs, SRs and RTSTRUCTs are all there: none of its studies is left out.
    int objectSeries = 0;
    for (const QJsonValue patient : info["patients"].toArray())
        for (const QJsonValue study : patient["studies"].toArray())
            objectSeries += int(study["objects"].toArray().size());
    CHECK(objectSeries >= 14);
}

TEST_CASE("the study list's series pane lists each stack of a series and opens the one chosen", "[gui][mainwindow][stacks]")
{
    const Setup s = prepare("mainwindow-list-stacks");
    gui::GuiOptions options = cachedPdT2(s);
    options.seriesUid.clear();  // start on the study list
    TestWindow shown(options);
    auto* list = shown.window->findChild<StudyListWidget*>();
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return !list->selectedStudyUid().isEmpty(); }, 10000));
    QListWidget* series = nullptr;
    for (QListWidget* w : list->findChildren<QListWidget*>())
        series = w;
    REQUIRE(series);
    REQUIRE(QTest::qWaitFor([&] { return series->count() == 2; }, 10000));
    CHECK(series->item(0)->text().contains("stack 1/2: TE 11.00 ms  (35 images)"));
    CHECK(series->item(1)->text().contains("stack 2/2: TE 92.00 ms  (35 images)"));
    // Enter on the second entry opens the series at that stack.
    series->setFocus();
    series->setCurrentRow(1);
    QTest::keyClick(series, Qt::Key_Return);
    SliceViewport* view = shown.window->sliceViewport();
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(*shown.window) && view->stackPosition().count == 2; }, 30000));
    CHECK(view->stackPosition().index == 1);
    CHECK(view->stackPosition().label == "TE 92.00 ms");
}
