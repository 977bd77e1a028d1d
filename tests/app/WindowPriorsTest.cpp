// The patient's priors in the main window against the test Orthanc (issue 20): the timeline lists
// a prior found on the node as the default and fetches it, Compare hangs it beside the current
// study, and a study arriving from the node brings its prior along.
#include "MainWindowFixture.h"
#include "ManyStudies.h"
#include "TestPacsNode.h"

#include "ProtocolReactions.h"
#include "TransferQueue.h"
#include "Workstation.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/viewer/SeriesStrip.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QDockWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSettings>
#include <QStatusBar>
#include <QTest>

#include <set>

using namespace hf;
using namespace hf::test;

TEST_CASE("the timeline lists a prior found on the PACS as the default, fetches it, and Compare hangs it beside the current study",
          "[gui][mainwindow][pacs][priors]")
{
    const std::string folder = scratch("mainwindow-pacs-prior").string();
    const QString current = QString::fromStdString(folder + "/current"), prior = QString::fromStdString(folder + "/prior");
    const QStringList size{"--size", "64x64x16", "--spacing", "2,2,3", "--seed", "79", "--body-part", "CHEST"};
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, QStringList{"make-phantom", "--out", current} + size).exitCode == 0);
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, QStringList{"make-phantom", "--out", prior} + size +
                                                 QStringList{"--study-date", "20250101", "--translate", "4,0,3"})
                .exitCode == 0);
    const auto studyOf = [](const QString& dir) {
        return QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", dir, "--json"}).out.toUtf8())
            .object()["patients"][0]["studies"][0]["uid"]
            .toString();
    };
    const QString currentUid = studyOf(current), priorUid = studyOf(prior);
    forgetOnTestPacs(priorUid);
    REQUIRE(hf::test::runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), prior}).exitCode == 0);
    gui::GuiOptions options;
    options.db = QString::fromStdString(folder + "/cache.db");
    options.size = QSize(900, 600);
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", current, "--db", options.db}).exitCode == 0);
    QSettings().setValue("priors/prefetch", false);  // first seen where it is
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    useTestPacs(window);
    window.hangStudy(currentUid);
    SeriesStrip* strip = window.findChild<SeriesStrip*>();
    REQUIRE(strip);
    const auto priorRow = [&] {
        for (int i = 0; i < strip->timelineCount(); ++i)
            if (strip->timelineEntry(i).studyUid == priorUid)
                return i;
        return -1;
    };
    // Found on the node: the default prior, said to be there.
    REQUIRE(QTest::qWaitFor([&] { return priorRow() >= 0; }, 30000));
    CHECK(strip->timelineText(priorRow()).startsWith("[prior] 2025-01-01  CT"));
    CHECK(strip->timelineText(priorRow()).contains("CT  on Test PACS  Hounsfield phantom (16)"));
    CHECK(strip->timelineEntry(priorRow()).why == "same modality and body part");
    CHECK(window.findChild<QDockWidget*>("series")->isVisible());

    // Pre-fetch on: it is retrieved in the background and is then in the cache.
    QAction* prefetch = window.findChild<QAction*>("prefetch-prior");
    REQUIRE(prefetch);
    prefetch->setChecked(true);
    REQUIRE(QTest::qWaitFor([&] { return priorRow() >= 0 && strip->timelineEntry(priorRow()).node.isEmpty(); }, 60000));
    CHECK(strip->timelineText(priorRow()).startsWith("[prior] "));
    {
        CacheDatabase db(options.db.toStdString());
        CHECK(StudyIndex(db).studies({}).size() == 2);
    }
    // Compare: the current study beside this prior, registered and linked.
    strip->compareStudy(priorRow());
    REQUIRE(QTest::qWaitFor([&] { return window.hangingState().stageName == "Current vs prior"; }, 30000));
    ViewportGrid& grid = *window.viewportGrid();
    REQUIRE(QTest::qWaitFor([&] { return grid.view(1)->volume() && grid.view(1)->studyUid() == priorUid; }, 30000));
    CHECK(grid.view(0)->studyUid() == currentUid);
    REQUIRE(QTest::qWaitFor([&] {
        return grid.frameLinks().find(grid.view(0)->volume()->frameOfReferenceUid, grid.view(1)->volume()->frameOfReferenceUid).has_value();
    }, 60000));
    QSettings().remove("priors/prefetch");
}

TEST_CASE("a study arriving from the PACS brings its default prior along in the background", "[gui][mainwindow][pacs][priors]")
{
    const std::string folder = scratch("mainwindow-prior-arrival").string();
    const QStringList size{"--size", "32x32x6", "--seed", "81", "--body-part", "CHEST"};
    const QString current = QString::fromStdString(folder + "/current"), prior = QString::fromStdString(folder + "/prior"),
                  older = QString::fromStdString(folder + "/older");
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, QStringList{"make-phantom", "--out", current} + size).exitCode == 0);
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, QStringList{"make-phantom", "--out", prior} + size + QStringList{"--study-date", "20250101"}).exitCode == 0);
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, QStringList{"make-phantom", "--out", older} + size + QStringList{"--study-date", "20230101"}).exitCode == 0);
    const auto studyOf = [](const QString& dir) {
        return QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", dir, "--json"}).out.toUtf8())
            .object()["patients"][0]["studies"][0]["uid"]
            .toString();
    };
    for (const QString& dir : {current, prior, older}) {
        forgetOnTestPacs(studyOf(dir));
        REQUIRE(hf::test::runProcess("storescu", {"-aec", "ORTHANC", "+sd", "127.0.0.1", QString::number(HF_ORTHANC_DICOM), dir}).exitCode == 0);
    }
    QSettings().remove("priors/prefetch");  // on by default
    gui::GuiOptions options;
    options.db = QString::fromStdString(folder + "/cache.db");
    options.size = QSize(900, 600);
    TestWindow t(options);
    useTestPacs(*t.window);
    t.station->transfers().retrieve(testPacs(), studyOf(current), QString(), "current");
    // The current study, then its default prior (the most recent earlier one), not the older one.
    const auto cached = [&] {
        CacheDatabase db(options.db.toStdString());
        std::set<QString> uids;
        for (const StudyRow& row : StudyIndex(db).studies({}))
            uids.insert(QString::fromStdString(row.study.uid));
        return uids;
    };
    REQUIRE(QTest::qWaitFor([&] { return cached().count(studyOf(prior)) == 1; }, 60000));
    CHECK(cached().count(studyOf(current)) == 1);
    QTest::qWait(1500);  // nothing more comes: the prior's own prior is not fetched in turn
    CHECK(cached().count(studyOf(older)) == 0);
}

TEST_CASE("a patient with more studies on the PACS than the priors search looks at: the newest 200 on the timeline, and the status says so",
          "[gui][mainwindow][pacs][priors]")
{
    // Seed 94: the current study (2026) in the cache; 201 earlier one-image studies on the node,
    // one a day back from 2025-12-31 (tests/pacs/many-studies.py): the oldest is not asked for.
    const std::string folder = scratch("mainwindow-many-priors").string();
    const QString current = QString::fromStdString(folder + "/current"), earlier = QString::fromStdString(folder + "/earlier.zip");
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"make-phantom", "--out", current, "--size", "16x16x2", "--seed", "94", "--study-date", "20260101"})
                .exitCode == 0);
    storeManyStudies(current + "/IM0001.dcm", earlier, 201, "20251231", 94);
    gui::GuiOptions options;
    options.db = QString::fromStdString(folder + "/cache.db");
    options.size = QSize(900, 600);
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", current, "--db", options.db}).exitCode == 0);
    const QString currentUid = QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", current, "--json"}).out.toUtf8())
                                   .object()["patients"][0]["studies"][0]["uid"]
                                   .toString();
    QSettings().setValue("priors/prefetch", false);  // nothing fetched: only what the search says
    TestWindow t(options);
    gui::MainWindow& window = *t.window;
    useTestPacs(window);
    window.hangStudy(currentUid);
    const auto statusSays = [&](const QString& text) {
        for (const QLabel* label : window.statusBar()->findChildren<QLabel*>())
            if (label->text() == text)
                return true;
        return false;
    };
    REQUIRE(QTest::qWaitFor(
        [&] { return statusSays("Priors: Test PACS: 200 of the patient's studies on the node (the patient has more: only the newest 200 looked at)"); },
        60000));
    SeriesStrip* strip = window.findChild<SeriesStrip*>();
    REQUIRE(strip);
    REQUIRE(strip->timelineCount() == 201);  // the current study and the newest 200
    std::set<QString> uids;
    for (int i = 0; i < strip->timelineCount(); ++i)
        uids.insert(strip->timelineEntry(i).studyUid);
    CHECK(uids.size() == 201);
    CHECK(uids.count(currentUid) == 1);
    CHECK(uids.count("2.25.94000001") == 1);  // the newest earlier study (2025-12-31)
    CHECK(uids.count("2.25.94001991") == 1);  // the 200th (2025-06-15)
    CHECK(uids.count("2.25.94002001") == 0);  // the 201st, the oldest, is left out
    QSettings().remove("priors/prefetch");
}
