// A study opens from the PACS list while it arrives (issue 23): Enter shows the first image
// as soon as that instance is in the cache, the stack fills in as the rest come, and the view
// says how many are here. Against the test Orthanc. HF_ARRIVAL_SLICES and HF_ARRIVAL_SIZE
// (bench/run-arrival-bench.sh) make it the measurement of docs/performance.md; it prints the
// times either way.
#include "MainWindowFixture.h"
#include "ProcessRunner.h"
#include "TestPacsNode.h"

#include "MainWindow.h"
#include "PresetLibrary.h"
#include "TransferQueue.h"
#include "Workstation.h"

#include "hf/rendering/SliceScene.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListModel.h"
#include "hf/viewer/StudyListWidget.h"

#include <catch2/catch.hpp>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScreen>
#include <QTableView>
#include <QTest>

#include <cstdio>
#include <cstdlib>

using namespace hf;
using namespace hf::test;

TEST_CASE("a study opens from the PACS list while it arrives and fills in", "[gui][mainwindow][pacs]")
{
    const char* slicesAsked = std::getenv("HF_ARRIVAL_SLICES");
    const char* sizeAsked = std::getenv("HF_ARRIVAL_SIZE");
    const int slices = slicesAsked ? std::atoi(slicesAsked) : 240;
    const QString size = QString("%1x%1x%2").arg(sizeAsked ? std::atoi(sizeAsked) : 64).arg(slices);
    const std::string folder = scratch("mainwindow-arrival").string();
    const QString study = storeOnTestPacs(QString::fromStdString(folder + "/source"), {"--size", size, "--seed", "25"});
    RemoteListWindow remote(folder);
    gui::MainWindow& window = *remote.window;
    QTableView* table = remote.table;
    auto rowOf = [&] { return rowOfStudy(*table, study); };
    REQUIRE(QTest::qWaitFor([&] { return rowOf() >= 0; }, 15000));
    table->setFocus();
    table->setCurrentIndex(table->model()->index(rowOf(), 0));

    QElapsedTimer clock;
    qint64 retrievedAt = -1;
    QObject::connect(&remote.station->transfers(), &gui::TransferQueue::retrieved, &window,
                     [&](const QString& uid, bool ok, const QString&) { retrievedAt = uid == study && ok ? clock.elapsed() : -2; });
    clock.start();
    QTest::keyClick(table, Qt::Key_Return);
    SliceViewport* view = window.sliceViewport();
    const auto shown = [&] { return hasVolume(window) && view->studyUid() == study; };
    REQUIRE(QTest::qWaitFor(shown, 60000));
    const qint64 firstImageAt = clock.elapsed();
    const int firstSlices = view->scene().sliceCount();
    const std::string firstCorner = view->arrivalText();
    QTest::qWait(400);  // drawn
    window.screen()->grabWindow(window.winId()).save(QString::fromStdString(folder + "/arriving.png"));  // to look at
    REQUIRE(QTest::qWaitFor([&] { return retrievedAt != -1; }, 120000));
    REQUIRE(retrievedAt > 0);
    // Filled in: every slice, and the corner line gone.
    REQUIRE(QTest::qWaitFor([&] { return view->scene().sliceCount() == slices && view->arrivalText().empty(); }, 30000));
    std::printf("arrival: %d slices of %s: first image %lld ms, whole study %lld ms, %d slices at first\n", slices, qPrintable(size),
                firstImageAt, retrievedAt, firstSlices);
    INFO("first image " << firstImageAt << " ms with " << firstSlices << " slices, whole study " << retrievedAt << " ms");
    // It opened while the study was still arriving, and said so.
    CHECK(firstImageAt < retrievedAt);
    CHECK(firstSlices < slices);
    // The count the view was opened with: the load reads the index a moment later, so as many or more are shown.
    const QRegularExpressionMatch said = QRegularExpression("^Arriving: (\\d+) of (\\d+) images$").match(QString::fromStdString(firstCorner));
    INFO(firstCorner);
    REQUIRE(said.hasMatch());
    CHECK(said.captured(1).toInt() >= 1);
    CHECK(said.captured(1).toInt() <= firstSlices);
    CHECK(said.captured(2).toInt() == slices);
    CHECK(view->studyUid() == study);
}
