// The main window driven as a user would: files dropped on it are indexed and opened, a
// series opens in a new window beside it, and a damaged index is offered for rebuilding.
#include "MainWindowFixture.h"

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
#include "hf/viewer/SeriesStrip.h"
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
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
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

void drop(QWidget& target, const QString& path)
{
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    const QPointF at(target.width() / 2.0, target.height() / 2.0);
    QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent event(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&target, &event);
}

} // namespace

TEST_CASE("a folder dropped on the window is indexed into the cache and opened", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-drop");
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(optionsFor(s), presets);
    gui::MainWindow window(*windowStation, optionsFor(s));
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    drop(window, QString::fromStdString(s.phantom.string()));
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window); }, 30000));
    REQUIRE(window.sliceViewport()->scene().sliceCount() == 12);
    CacheDatabase db(s.db.toStdString());
    REQUIRE(StudyIndex(db).counts().instances == 12);
}

TEST_CASE("copied into the cache while its disk has less free than is kept, a folder opens from where it is, and says why",
          "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-copy-no-room");
    TestWindow t(optionsFor(s));
    const NodeSettingsKept kept(*t.window, *t.station);
    gui::NodeSettings nodes;
    nodes.keepFreeMb = 2000000000;  // MB: more than any disk has
    t.window->setNodeSettings(nodes);
    t.window->open({QString::fromStdString(s.phantom.string())}, true);
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(*t.window) && t.window->problems().size() == 12; }, 30000));
    CHECK(t.window->sliceViewport()->scene().sliceCount() == 12);
    for (const QString& problem : t.window->problems()) {
        INFO(problem.toStdString());
        CHECK(problem.startsWith(QString::fromStdString(s.phantom.string()) + "/"));
        CHECK(problem.contains(": not copied into the cache (the disk holding " + QString::fromStdString(s.folder.string()) + " has "));
        CHECK(problem.endsWith("less than the 2000000000 MB kept free); indexed where it is"));
    }
    CHECK_FALSE(std::filesystem::exists(s.folder / "files"));
    CacheDatabase db(s.db.toStdString());
    CHECK(StudyIndex(db).counts().instances == 12);
}

TEST_CASE("--series without a PATH opens that series from the cache, at --slice", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-series-from-cache");
    REQUIRE(hf::test::runProcess(HF_CLI_EXE, {"import", QString::fromStdString(s.phantom.string()), "--db", s.db}).exitCode == 0);
    const QJsonObject info =
        QJsonDocument::fromJson(hf::test::runProcess(HF_CLI_EXE, {"info", QString::fromStdString(s.phantom.string()), "--json"}).out.toUtf8())
            .object();
    gui::GuiOptions options = optionsFor(s);
    options.seriesUid = info["patients"][0]["studies"][0]["series"][0]["uid"].toString();
    options.slice = 3;
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(options, presets);
    gui::MainWindow window(*windowStation, options);
    QSignalSpy loaded(&window, &gui::MainWindow::loadFinished);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window) && window.sliceViewport()->scene().sliceCount() == 12; }, 30000));
    CHECK(window.sliceViewport()->slice() == 2);
    CHECK(window.sliceViewport()->seriesUid() == options.seriesUid);
    CHECK_FALSE(window.findChild<QDockWidget*>("studies")->isVisible());
    REQUIRE(QTest::qWaitFor([&] { return loaded.count() == 1; }, 10000));
    CHECK(loaded.front()[0].toBool());

    // A series the cache does not have: the load ends with the reason (a screenshot run exits 1).
    options.seriesUid = "2.25.1";
    const auto missingStation = stationFor(options, presets);
    gui::MainWindow missing(*missingStation, options);
    QSignalSpy failed(&missing, &gui::MainWindow::loadFinished);
    REQUIRE(QTest::qWaitFor([&] { return failed.count() == 1; }, 10000));
    CHECK_FALSE(failed.front()[0].toBool());
    CHECK(failed.front()[1].toString().contains("2.25.1"));
}

TEST_CASE("a series opens in a new window beside the first", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-beside");
    {
        CacheDatabase db(s.db.toStdString());
        StudyIndex(db).add(HeaderScanner().scan({s.phantom.string()}).frames);
    }
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(optionsFor(s), presets);
    gui::MainWindow window(*windowStation, optionsFor(s));
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* list = window.findChild<StudyListWidget*>();
    REQUIRE(list);
    REQUIRE(QTest::qWaitFor([&] { return !list->selectedStudyUid().isEmpty(); }, 10000));
    const auto before = QApplication::topLevelWidgets().size();
    emit list->openSeriesRequested(list->selectedStudyUid(), QString(), true);
    gui::MainWindow* beside = windowBeside(window);
    REQUIRE(beside);
    REQUIRE(QApplication::topLevelWidgets().size() > before);
    REQUIRE_FALSE(hasVolume(window));  // the first window is untouched
    beside->close();
}

TEST_CASE("a damaged index is offered for rebuilding and comes back from the files", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-rebuild");
    {
        CacheDatabase db(s.db.toStdString());
        StudyIndex(db).add(HeaderScanner().scan({s.phantom.string()}).frames);
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    {
        std::ofstream sources(s.db.toStdString() + ".sources");
        sources << s.phantom.string() << "\n";
    }
    {
        const auto size = std::filesystem::file_size(s.db.toStdString());
        std::fstream f(s.db.toStdString(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096);
        const std::string junk(size - 4096, '\xA5');
        f.write(junk.data(), std::streamsize(junk.size()));
    }
    // Answer the question the window will ask with Yes.
    bool asked = false;
    QTimer answer;
    QObject::connect(&answer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            asked = true;
            box->button(QMessageBox::Yes)->click();
        }
    });
    answer.start(50);
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(optionsFor(s), presets);
    gui::MainWindow window(*windowStation, optionsFor(s));
    window.show();
    auto* list = window.findChild<StudyListWidget*>();
    REQUIRE(QTest::qWaitFor([&] { return !list->selectedStudyUid().isEmpty(); }, 30000));
    REQUIRE(asked);
    CacheDatabase db(s.db.toStdString());
    REQUIRE(StudyIndex(db).counts().instances == 12);
}

TEST_CASE("a series dragged from the study list onto the second view opens there, beside the first", "[gui][mainwindow][layout]")
{
    const Setup s = prepare("mainwindow-compare");
    {
        CacheDatabase db(s.db.toStdString());
        StudyIndex(db).add(HeaderScanner().scan({s.phantom.string()}).frames);
    }
    gui::GuiOptions options = optionsFor(s);
    options.layout = "1x2";
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(options, presets);
    gui::MainWindow window(*windowStation, options);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* list = window.findChild<StudyListWidget*>();
    REQUIRE(QTest::qWaitFor([&] { return !list->selectedStudyUid().isEmpty(); }, 10000));
    ViewportGrid* grid = window.viewportGrid();
    REQUIRE(grid->viewCount() == 2);
    std::unique_ptr<QMimeData> data(StudyListWidget::seriesMimeData(list->selectedStudyUid(), QString()));
    SliceViewport* second = grid->view(1);
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(second, &enter);
    REQUIRE(enter.isAccepted());
    QDropEvent dropped(QPointF(20, 20), Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(second, &dropped);
    REQUIRE(QTest::qWaitFor([&] { return second->scene().hasVolume(); }, 30000));
    CHECK(second->scene().sliceCount() == 12);
    CHECK_FALSE(grid->view(0)->scene().hasVolume());
    CHECK(grid->activeIndex() == 1);
    CHECK(window.sliceViewport() == second);
}

TEST_CASE("window presets from the menu keys and the numeric entry set the active view's window", "[gui][mainwindow]")
{
    const Setup s = prepare("mainwindow-presets");
    const gui::PresetLibrary presets;
    REQUIRE(presets.windowPresets().size() == 8);  // the resource file is really read
    for (const char* volume : {"ct-bone", "ct-soft-tissue", "ct-lung", "ct-angio", "ct-mip", "mr-default"}) {
        INFO(volume);
        const auto preset = presets.volumePreset(volume);
        REQUIRE(preset);
        CHECK(preset->opacities.size() >= 2);  // a MIP ramp has two points, the others more
        CHECK(preset->colors.size() >= 2);
    }
    gui::GuiOptions options = optionsFor(s);
    options.paths = {QString::fromStdString(s.phantom.string())};
    options.layout = "1x1";
    const auto windowStation = stationFor(options, presets);
    gui::MainWindow window(*windowStation, options);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.open(options.paths);
    REQUIRE(QTest::qWaitFor([&] { return hasVolume(window); }, 30000));
    SliceViewport* view = window.sliceViewport();
    // Shortcuts only reach the active window (Xvfb has no window manager to activate it).
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    view->setFocus();
    // Through the window system, as a real key press: menu shortcuts are matched there.
    QTest::keyClick(window.windowHandle(), Qt::Key_8);  // CT bone
    CHECK(view->scene().windowCenter() == 500);
    CHECK(view->scene().windowWidth() == 2000);
    QTest::keyClick(window.windowHandle(), Qt::Key_4);  // CT lung
    CHECK(view->scene().windowCenter() == -600);
    CHECK(view->scene().windowWidth() == 1500);
    // The toolbar's numeric entry follows, and typing into it windows the view.
    auto boxes = window.findChildren<QDoubleSpinBox*>();
    QDoubleSpinBox* level = nullptr;
    QDoubleSpinBox* width = nullptr;
    for (QDoubleSpinBox* b : boxes) {
        if (b->prefix() == "L ")
            level = b;
        if (b->prefix() == "W ")
            width = b;
    }
    REQUIRE(level);
    REQUIRE(width);
    CHECK(level->value() == -600);
    CHECK(width->value() == 1500);
    width->setValue(80);
    level->setValue(35);
    CHECK(view->scene().windowWidth() == 80);
    CHECK(view->scene().windowCenter() == 35);
}

TEST_CASE("drawing with the mouse stores the same annotation the CLI makes; move, delete and undo", "[gui][mainwindow][annotations]")
{
    const Setup s = prepare("mainwindow-annotate");
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(optionsFor(s), presets);
    gui::MainWindow window(*windowStation, optionsFor(s));
    openPhantom(window, s);
    SliceViewport* view = window.sliceViewport();
    const QString seriesUid = view->seriesUid();
    auto* lengthTool = window.findChild<QAction*>("tool-length");
    REQUIRE(lengthTool);
    lengthTool->trigger();
    // The annotation list open from the start, so the view keeps its size (and scale) throughout.
    window.findChild<QDockWidget*>("annotations")->show();
    QTest::qWait(200);
    view->renderNow();

    // Drag from (80, 100) to (200, 160) on the view.
    const QPoint from(80, 100), to(200, 160);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, from);
    QTest::mouseMove(view, QPoint(140, 130));
    QTest::mouseMove(view, to);
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, to);
    AnnotationListPanel* list = window.annotationList();
    REQUIRE(QTest::qWaitFor([&] { return list->rowCount() == 1; }, 10000));
    CHECK(list->cellText(0, 0) == "length");
    CHECK(list->cellText(0, 4) == "Pixel Spacing");
    CHECK(list->cellText(0, 5) == "pending");

    // What is on disk: the points under the mouse, on the shown image.
    Annotation stored;
    {
        CacheDatabase db(s.db.toStdString());
        const auto all = AnnotationStore(db).ofSeries(seriesUid.toStdString());
        REQUIRE(all.size() == 1);
        stored = all.front();
    }
    const auto start = view->scene().viewPosition(stored.points[0]), end = view->scene().viewPosition(stored.points[1]);
    CHECK(start[0] == Approx(from.x()).margin(0.5));
    CHECK(start[1] == Approx(from.y()).margin(0.5));
    CHECK(end[0] == Approx(to.x()).margin(0.5));
    CHECK(stored.sopInstanceUid == view->volume()->sliceSopInstanceUids[size_t(view->slice())]);

    // The CLI, given the same points, makes the same measurement on the same image.
    const QString points = QString::fromStdString(formatPoints(stored.points));
    const hf::test::ProcessResult cli = hf::test::runProcess(HF_CLI_EXE, {"annotate", "--db", s.db, "--series", seriesUid, "--kind", "length",
                                                                          "--points", points, "--json"});
    INFO(cli.err.toStdString());
    REQUIRE(cli.exitCode == 0);
    const QJsonObject fromCli = QJsonDocument::fromJson(cli.out.toUtf8()).object();
    const double guiLength = std::stod(list->cellText(0, 1).split(' ')[1].toStdString());
    CHECK(fromCli["values"][0].toObject()["value"].toDouble() == Approx(guiLength).margin(0.051));
    CHECK(fromCli["sop_instance_uid"].toString().toStdString() == stored.sopInstanceUid);
    CHECK(guiLength == Approx((stored.points[1] - stored.points[0]).norm()).margin(0.051));  // as shown: 2 or 1 decimals

    // Back to window/level; drag the line by its middle: a new revision, moved by the drag.
    window.findChild<QAction*>("tool-window")->trigger();
    const QPoint middle((from.x() + to.x()) / 2, (from.y() + to.y()) / 2);
    QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, middle);
    QTest::mouseMove(view, middle + QPoint(10, 0));
    QTest::mouseMove(view, middle + QPoint(30, 0));
    QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, middle + QPoint(30, 0));
    window.annotationController()->waitForIdle();
    QApplication::processEvents();
    {
        CacheDatabase db(s.db.toStdString());
        const auto moved = AnnotationStore(db).find(stored.id);
        REQUIRE(moved);
        CHECK(moved->revision == 2);
        CHECK(view->scene().viewPosition(moved->points[0])[0] == Approx(from.x() + 30).margin(0.5));
    }
    // K flags the shown image as a key image, in the cache.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_K);
    window.annotationController()->waitForIdle();
    {
        CacheDatabase db(s.db.toStdString());
        const auto keys = StudyTags(db).keyImages(view->studyUid().toStdString());
        REQUIRE(keys.size() == 1);
        CHECK(keys[0].sopInstanceUid == view->volume()->sliceSopInstanceUids[size_t(view->slice())]);
    }
    // Delete it, then undo the deletion.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Delete);
    REQUIRE(QTest::qWaitFor([&] { return list->rowCount() == 1 && view->editing().annotations().size() == 1; }, 10000));  // the CLI's is still there
    window.annotationController()->undo();
    REQUIRE(QTest::qWaitFor([&] { return list->rowCount() == 2; }, 10000));
    CacheDatabase db(s.db.toStdString());
    CHECK(AnnotationStore(db).find(stored.id)->revision == 4);
    CHECK_FALSE(AnnotationStore(db).find(stored.id)->deleted);
}

TEST_CASE("File > Export writes the active series' report and pictures in the background", "[gui][mainwindow][export]")
{
    const Setup s = prepare("mainwindow-export");
    const gui::PresetLibrary presets;
    const auto windowStation = stationFor(optionsFor(s), presets);
    gui::MainWindow window(*windowStation, optionsFor(s));
    openPhantom(window, s);
    SliceViewport* view = window.sliceViewport();
    const int slice = view->slice();
    const SlicePlane plane = view->scene().plane();
    const Vec3 a = plane.origin + plane.rowDirection * 10 + plane.columnDirection * 10, b = a + plane.rowDirection * 30;
    gui::AnnotationController* annotations = window.annotationController();
    annotations->add(view->seriesUid(), AnnotationKind::Length, {a, b}, QString());
    annotations->toggleKeyImage(view->seriesUid(), slice);
    annotations->waitForIdle();
    QApplication::processEvents();

    // The dialog's choices become the request.
    gui::ExportDialog dialog(slice, 12);
    dialog.format()->setCurrentIndex(dialog.format()->findData("pdf"));
    CHECK(dialog.file()->text().endsWith(".pdf"));
    dialog.range()->setCurrentIndex(dialog.range()->findData(int(gui::ExportDialog::Range::KeyImages)));
    exporting::ExportRequest request = dialog.request({slice});
    CHECK(request.format == exporting::ExportFormat::Pdf);
    CHECK(request.slices == std::vector<int>{slice});
    CHECK(request.annotations);
    dialog.grab().save(QString::fromStdString((s.folder / "export-dialog.png").string()));  // for a look

    request.out = QString::fromStdString((s.folder / "report.pdf").string());
    QSignalSpy finished(&window, &gui::MainWindow::exportFinished);
    window.exportActive(request);
    REQUIRE(finished.wait(30000));
    INFO(finished[0].at(2).toString().toStdString());
    REQUIRE(finished[0].at(0).toBool());
    const hf::test::ProcessResult text = hf::test::runProcess("pdftotext", {request.out, "-"});
    CHECK(text.out.contains("Length 30.00 mm"));
    CHECK(text.out.contains(QString("Image %1 of 12").arg(slice + 1)));
    // A series of PNGs, each file a picture of the shown window.
    request.format = exporting::ExportFormat::Png;
    request.out = QString::fromStdString((s.folder / "pictures" / "image.png").string());
    QDir().mkpath(QString::fromStdString((s.folder / "pictures").string()));
    request.slices = {0, 1, 2};
    window.exportActive(request);
    REQUIRE(finished.wait(30000));
    REQUIRE(finished[1].at(0).toBool());
    CHECK(finished[1].at(1).toStringList().size() == 3);
    CHECK_FALSE(QImage(finished[1].at(1).toStringList()[2]).isNull());
    // "As the view shows it": zoomed in twice, the picture covers what the view covers, with
    // the view's proportions.
    view->scene().setZoom(2);
    request.visibleRegion = gui::MainWindow::visibleRegion(*view);
    request.slices = {slice};
    request.out = QString::fromStdString((s.folder / "pictures" / "zoomed.png").string());
    window.exportActive(request);
    REQUIRE(finished.wait(30000));
    REQUIRE(finished[2].at(0).toBool());
    const QImage zoomed(request.out);
    const double viewAspect = double(view->width()) / view->height();
    CHECK(double(zoomed.width()) / zoomed.height() == Approx(viewAspect).epsilon(0.03));
    const double mmAcross = view->width() * view->devicePixelRatioF() * view->scene().millimetresPerPixel();
    const StackGeometry& g = view->volume()->geometry();
    CHECK(request.visibleRegion->width() * g.columnSpacing == Approx(mmAcross).epsilon(0.01));
}
