// The main window with a PACS: the sync's state in the status bar, pulling other readers'
// annotations, switching the sync node, two windows on one Workstation syncing once, node
// settings and searching and retrieving from a node (most against the test Orthanc).
#include "MainWindowFixture.h"
#include "TestPacsNode.h"

#include "AnnotationController.h"
#include "CacheTasks.h"
#include "ExportDialog.h"
#include "MainWindow.h"
#include "NodeSettingsDialog.h"
#include "PresetLibrary.h"
#include "SyncController.h"
#include "Workstation.h"

#include "hf/annotations/AnnotationStore.h"
#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/annotations/StudyTags.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeStatistics.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/AnnotationListPanel.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListModel.h"
#include "hf/viewer/StudyListWidget.h"
#include "hf/viewer/ViewportGrid.h"

#include <catch2/catch.hpp>

#include <QAction>
#include <QDockWidget>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <fstream>

using namespace hf;
using namespace hf::test;

namespace {



// Number of instances of a study on the test Orthanc.
int instancesOnTestPacs(const QString& studyUid)
{
    const auto found = QJsonDocument::fromJson(
        hf::test::runProcess("curl", QStringList{"-sf", "-X", "POST", "--data-binary", studyUid,
                                                 QString("http://127.0.0.1:%1/tools/lookup").arg(HF_ORTHANC_HTTP)})
            .out.toUtf8());
    int count = 0;
    for (const QJsonValue hit : found.array()) {
        const auto instances = QJsonDocument::fromJson(
            hf::test::runProcess("curl", QStringList{"-sf", QString("http://127.0.0.1:%1/studies/%2/instances")
                                                                .arg(HF_ORTHANC_HTTP).arg(hit["ID"].toString())})
                .out.toUtf8());
        count += int(instances.array().size());
    }
    return count;
}

// A length from a point of the open slice, added through the annotation service as the tool would.
void addLength(gui::MainWindow& window, const Vec3& along)
{
    const Vec3 start = window.sliceViewport()->volume()->geometry().toPatient(10, 10, window.sliceViewport()->slice());
    window.annotationController()->add(window.sliceViewport()->seriesUid(), AnnotationKind::Length,
                                       {start, start + along}, {});
}

// The status bar counts one change waiting because the sync node refused the connection.
void requireOnePendingRefused(gui::MainWindow& window)
{
    REQUIRE(QTest::qWaitFor([&] { return window.syncStatusText().contains("1 pending, retrying"); }, 15000));
    CHECK(window.syncStatusText().contains("refused"));
}

} // namespace

TEST_CASE("the status bar counts changes waiting for the PACS and says why the node does not answer", "[gui][mainwindow][sync]")
{
    const Setup s = prepare("mainwindow-sync-down");
    const gui::PresetLibrary presets;
    gui::GuiOptions options = optionsFor(s);
    options.syncNode = "ORTHANC@127.0.0.1:1";  // nothing listens there
    const auto windowStation = stationFor(options, presets);
    gui::MainWindow window(*windowStation, options);
    openPhantom(window, s);
    window.findChild<QDockWidget*>("annotations")->show();
    addLength(window, {5, 0, 0});
    AnnotationListPanel* list = window.annotationList();
    REQUIRE(QTest::qWaitFor([&] { return list->rowCount() == 1; }, 10000));
    // Sent about a second after the change; refused; counted and explained.
    requireOnePendingRefused(window);
    // The list follows: failed, with the reason.
    REQUIRE(QTest::qWaitFor([&] { return list->cellText(0, 5).startsWith("failed"); }, 10000));
    CHECK(list->cellText(0, 5).contains("refused"));
}

TEST_CASE("opening a study pulls another reader's annotations from the PACS", "[gui][mainwindow][sync][pacs]")
{
    const Setup s = prepare("mainwindow-sync-pull");
    const QString node = QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM);
    // Another reader (its own cache) measures and syncs.
    const QString otherDb = QString::fromStdString((s.folder / "other" / "cache.db").string());
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", QString::fromStdString(s.phantom.string()), "--db", otherDb}).exitCode == 0);
    const QJsonObject info =
        QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", QString::fromStdString(s.phantom.string()), "--json"}).out.toUtf8())
            .object();
    const QJsonObject stack = info["patients"][0]["studies"][0]["series"][0]["stacks"][0].toObject();
    const double z = stack["origin"][2].toDouble() + 6 * stack["spacing"][2].toDouble();
    const QString series = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    forgetOnTestPacs(info["patients"][0]["studies"][0]["uid"].toString());
    const hf::test::ProcessResult made = hf::test::runProcess(
        HF_CLI_EXE, {"annotate", "--db", otherDb, "--series", series, "--kind", "length", "--points",
                     QString("-10,0,%1;10,0,%1").arg(z), "--author", "other reader", "--json"});
    REQUIRE(made.exitCode == 0);
    const hf::test::ProcessResult synced = hf::test::runProcess(HF_CLI_EXE, {"sync", "--node", node, "--db", otherDb});
    INFO(synced.err.toStdString());
    REQUIRE(synced.exitCode == 0);

    const gui::PresetLibrary presets;
    gui::GuiOptions options = optionsFor(s);
    options.syncNode = node;
    const auto windowStation = stationFor(options, presets);
    gui::MainWindow window(*windowStation, options);
    openPhantom(window, s);
    window.findChild<QDockWidget*>("annotations")->show();
    AnnotationListPanel* list = window.annotationList();
    REQUIRE(QTest::qWaitFor([&] { return list->rowCount() == 1; }, 15000));
    CHECK(list->cellText(0, 0) == "length");
    CHECK(list->cellText(0, 1).contains("20.0"));
    CHECK(list->cellText(0, 3) == "other reader");
    CHECK(list->cellText(0, 5) == "synced");
    REQUIRE(QTest::qWaitFor([&] { return window.syncStatusText().contains("up to date"); }, 15000));
}

TEST_CASE("a sync node chosen in Settings > PACS nodes applies at once, without a restart", "[gui][mainwindow][sync][pacs]")
{
    const Setup s = prepare("mainwindow-sync-switch");
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(optionsFor(s), presets);
    gui::MainWindow window(*windowStation, optionsFor(s));
    // First a node that does not answer is the sync node.
    gui::NodeSettings nodes;
    PacsNode dead = testPacs();
    dead.name = "Dead PACS";
    dead.port = 1;
    nodes.nodes = {dead, testPacs()};
    nodes.syncNode = "Dead PACS";
    window.setNodeSettings(nodes);
    openPhantom(window, s);
    const QString study = window.sliceViewport()->studyUid();
    forgetOnTestPacs(study);
    window.findChild<QDockWidget*>("annotations")->show();
    addLength(window, {5, 0, 0});
    AnnotationListPanel* list = window.annotationList();
    REQUIRE(QTest::qWaitFor([&] { return list->rowCount() == 1; }, 10000));
    requireOnePendingRefused(window);
    CHECK(instancesOnTestPacs(study) == 0);

    // Then the reader picks the live node: the waiting change goes there at once (the dead
    // node's backoff is not waited out), and the status and the list say so.
    nodes.syncNode = "Test PACS";
    window.setNodeSettings(nodes);
    REQUIRE(QTest::qWaitFor([&] { return window.syncStatusText().contains("up to date with Test PACS"); }, 15000));
    REQUIRE(QTest::qWaitFor([&] { return list->cellText(0, 5) == "synced"; }, 10000));
    CHECK(instancesOnTestPacs(study) == 2);  // the SR and the GSPS (no key images: no KOS)

    // And no node: nothing more is sent, a new change is counted as pending.
    nodes.syncNode.clear();
    window.setNodeSettings(nodes);
    addLength(window, {0, 5, 0});
    REQUIRE(QTest::qWaitFor([&] { return window.syncStatusText().contains("1 pending (no PACS set up for sync)"); }, 15000));
    QTest::qWait(1500);
    CHECK(instancesOnTestPacs(study) == 2);
}

TEST_CASE("two windows share one workstation: what one draws shows in the other, undoes there, and reaches the PACS once",
          "[gui][mainwindow][sync][pacs]")
{
    const Setup s = prepare("mainwindow-two-windows");
    const gui::PresetLibrary presets;
    gui::GuiOptions options = optionsFor(s);
    options.syncNode = QString("ORTHANC@127.0.0.1:%1").arg(HF_ORTHANC_DICOM);
    // The phantom's UIDs are fixed: what earlier tests left on the PACS goes before it is opened
    // (opening pulls).
    const QJsonObject info =
        QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", QString::fromStdString(s.phantom.string()), "--json"}).out.toUtf8())
            .object();
    forgetOnTestPacs(info["patients"][0]["studies"][0]["uid"].toString());
    const auto station = stationFor(options, presets);
    gui::MainWindow window(*station, options);
    openPhantom(window, s);
    const QString study = window.sliceViewport()->studyUid();
    const QString series = window.sliceViewport()->seriesUid();
    REQUIRE(study == info["patients"][0]["studies"][0]["uid"].toString());

    // The same series in a second window, opened from the study list as a reader would.
    auto* studies = window.findChild<StudyListWidget*>();
    REQUIRE(studies);
    emit studies->openSeriesRequested(study, series, true);
    gui::MainWindow* beside = windowBeside(window);
    REQUIRE(beside);
    CHECK(beside->annotationController() == window.annotationController());
    CHECK(beside->syncController() == window.syncController());
    QTest::qWait(300);  // the second window's series fully decoded

    // Drawn in the first window: both lists and both views show it.
    window.findChild<QDockWidget*>("annotations")->show();
    beside->findChild<QDockWidget*>("annotations")->show();
    addLength(window, {5, 0, 0});
    REQUIRE(QTest::qWaitFor([&] { return window.annotationList()->rowCount() == 1 && beside->annotationList()->rowCount() == 1; }, 10000));
    CHECK(beside->annotationList()->cellText(0, 0) == "length");
    CHECK(beside->annotationList()->cellText(0, 1).contains("5.0"));
    CHECK(beside->sliceViewport()->editing().annotations().size() == 1);

    // One sync for the process: both status bars say it, and the PACS has one SR and one GSPS,
    // still after more sync rounds (two engines on one outbox would send each batch twice).
    REQUIRE(QTest::qWaitFor([&] { return window.annotationList()->cellText(0, 5) == "synced"; }, 15000));
    REQUIRE(QTest::qWaitFor([&] { return beside->syncStatusText().contains("up to date"); }, 15000));
    CHECK(window.syncStatusText() == beside->syncStatusText());
    QTest::qWait(6000);
    CHECK(instancesOnTestPacs(study) == 2);

    // One undo history: Edit > Undo in the second window takes back what the first drew.
    QAction* undo = nullptr;
    for (QAction* a : beside->findChildren<QAction*>())
        if (a->shortcut() == QKeySequence(QKeySequence::Undo))
            undo = a;
    REQUIRE(undo);
    REQUIRE(undo->isEnabled());
    undo->trigger();
    REQUIRE(QTest::qWaitFor([&] { return window.annotationList()->rowCount() == 0 && beside->annotationList()->rowCount() == 0; }, 10000));
    beside->close();
}

TEST_CASE("Settings > PACS nodes: Test says what the node supports, or exactly what failed", "[gui][mainwindow][pacs]")
{
    gui::NodeSettings nodes;
    const PacsNode live = testPacs();
    PacsNode dead = live;
    dead.name = "Dead PACS";
    dead.port = 1;
    PacsNode web;
    web.name = "Test DICOMweb";
    web.kind = PacsNode::Kind::DicomWeb;
    web.baseUrl = QString("http://127.0.0.1:%1/dicom-web").arg(HF_ORTHANC_HTTP).toStdString();
    nodes.nodes = {live, dead, web};
    gui::NodeSettingsDialog dialog(nodes);
    auto testNode = [&](int index) {
        dialog.editNode(index);
        QSignalSpy tested(&dialog, &gui::NodeSettingsDialog::tested);
        for (QPushButton* b : dialog.findChildren<QPushButton*>())
            if (b->text() == "Test")
                b->click();
        REQUIRE(tested.wait(20000));
        return dialog.testReport();
    };
    // A node's bound on search results is edited with it and kept in the settings file.
    dialog.editNode(0);
    auto* maxResults = dialog.findChild<QSpinBox*>("node-max-results");
    REQUIRE(maxResults);
    CHECK(maxResults->value() == 20000);
    maxResults->setValue(500);
    auto* keepFree = dialog.findChild<QSpinBox*>("keep-free");
    REQUIRE(keepFree);
    CHECK(keepFree->value() == 1024);  // MB, the default
    keepFree->setValue(2048);
    QString report = testNode(0);
    CHECK(report.contains("C-ECHO to ORTHANC@127.0.0.1"));
    CHECK(report.contains("C-FIND (study root): yes"));
    CHECK(report.contains("C-GET (study root): yes"));
    CHECK(report.contains("Retrieval will use C-GET"));
    dialog.resize(760, 520);
    dialog.grab().save(QString::fromStdString(scratch("node-settings").string() + "/dialog.png"));  // to look at
    report = testNode(1);
    CHECK(report.contains("connection refused"));
    report = testNode(2);
    CHECK(report.contains("QIDO-RS: yes"));
    CHECK(report.contains("Retrieval will use WADO-RS"));
    // Kept as edited.
    const gui::NodeSettings saved = dialog.settings();
    REQUIRE(saved.nodes.size() == 3);
    CHECK(saved.nodes[2].baseUrl == web.baseUrl);
    CHECK(saved.nodes[0].maxResults == 500);
    CHECK(saved.nodes[2].maxResults == 20000);
    QSettings file(QString::fromStdString((scratch("node-settings-file") / "settings.ini").string()), QSettings::IniFormat);
    saved.save(file);
    const gui::NodeSettings loaded = gui::NodeSettings::load(file);
    REQUIRE(loaded.nodes.size() == 3);
    CHECK(loaded.nodes[0].maxResults == 500);
    CHECK(loaded.nodes[1].maxResults == 20000);
    CHECK(loaded.keepFreeMb == 2048);
    // Every node the workstation uses carries it: retrievals stop at it.
    CHECK(loaded.node("Test DICOMweb")->keepFreeBytes == std::uint64_t(2048) << 20);
}

TEST_CASE("a search matching more studies than the node's bound lists the first ones and says to narrow it", "[gui][mainwindow][pacs]")
{
    // Two patients, HF331 and HF332; the quick search "HF33?" matches both by Patient ID.
    const std::string folder = scratch("mainwindow-remote-bound").string();
    const QString first = storeOnTestPacs(QString::fromStdString(folder + "/first"), {"--size", "32x32x2", "--seed", "331"});
    const QString second = storeOnTestPacs(QString::fromStdString(folder + "/second"), {"--size", "32x32x2", "--seed", "332"});
    RemoteListWindow remote(folder);
    auto statusSays = [&](const QString& text) {
        for (const QLabel* label : remote.window->statusBar()->findChildren<QLabel*>())
            if (label->text() == text)
                return true;
        return false;
    };
    auto searchFor = [&](const QString& text) {
        for (QLineEdit* edit : remote.list->findChildren<QLineEdit*>())
            if (edit->isClearButtonEnabled())
                edit->setText(text);
    };
    auto boundTo = [&](int most) {
        gui::NodeSettings nodes;
        nodes.nodes = {testPacs()};
        nodes.nodes[0].maxResults = most;
        remote.window->setNodeSettings(nodes);
        remote.list->setSource("Test PACS");
    };

    boundTo(1);
    searchFor("HF33?");
    REQUIRE(QTest::qWaitFor([&] { return statusSays("1 study on Test PACS, and more match: narrow the search"); }, 15000));
    REQUIRE(remote.table->model()->rowCount() == 1);
    const QString listed = remote.table->model()->index(0, 0).data(StudyListModel::StudyUidRole).toString();
    CHECK((listed == first || listed == second));

    boundTo(2);
    searchFor("");  // the same search again, under the raised bound (an older answer is dropped)
    searchFor("HF33?");
    REQUIRE(QTest::qWaitFor([&] { return statusSays("2 studies on Test PACS"); }, 15000));
    CHECK(remote.table->model()->rowCount() == 2);
    CHECK(rowOfStudy(*remote.table, first) >= 0);
    CHECK(rowOfStudy(*remote.table, second) >= 0);
}

TEST_CASE("the study list searches a PACS node, retrieves a study with progress and opens it", "[gui][mainwindow][pacs]")
{
    const std::string folder = scratch("mainwindow-remote").string();
    const QString study = storeOnTestPacs(QString::fromStdString(folder + "/source"), {"--size", "32x32x6", "--seed", "20"});
    RemoteListWindow remote(folder);
    gui::MainWindow& window = *remote.window;
    const gui::GuiOptions& options = remote.options;
    StudyListWidget* list = remote.list;
    QTableView* table = remote.table;
    auto rowOf = [&] { return rowOfStudy(*table, study); };
    REQUIRE(QTest::qWaitFor([&] { return rowOf() >= 0; }, 15000));
    CHECK(table->model()->index(rowOf(), 0).data().toString().contains("PHANTOM"));
    // The quick search finds it by patient ID too (name, ID and accession are asked for).
    QLineEdit* search = nullptr;
    for (QLineEdit* edit : list->findChildren<QLineEdit*>())
        if (edit->isClearButtonEnabled())
            search = edit;
    REQUIRE(search);
    search->setText("HF20");
    REQUIRE(QTest::qWaitFor([&] { return table->model()->rowCount() == 1 && rowOf() == 0; }, 15000));
    table->setFocus();
    table->setCurrentIndex(table->model()->index(rowOf(), 0));
    QTest::qWait(500);  // the series query of the selected study
    window.grab().save(QString::fromStdString(folder + "/remote-study-list.png"));  // to look at
    QTest::keyClick(table, Qt::Key_Return);
    // It opens as it arrives (WindowArrivalTest), and ends whole in the cache.
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && window.sliceViewport()->studyUid() == study; }, 30000));
    REQUIRE(QTest::qWaitFor([&] { return window.sliceViewport()->scene().sliceCount() == 6 && window.sliceViewport()->arrivalText().empty(); },
                            30000));
    CacheDatabase db(options.db.toStdString());
    const auto rows = StudyIndex(db).studies({});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].imageCount == 6);
    CHECK(rows[0].location == "local");
}
