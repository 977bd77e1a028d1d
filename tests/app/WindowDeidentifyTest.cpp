// File > Export, "DICOM originals" (issue 23): the dialog offers the de-identification options
// only for that format with Anonymize ticked; the series' original instances reach the folder
// de-identified, and the export is in the audit trail.
#include "MainWindowFixture.h"

#include "ExportDialog.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QApplication>
#include <QScreen>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTimer>

#include <cmath>
#include <filesystem>

using namespace hf;
using namespace hf::test;

namespace {

// Exports the active series' originals de-identified and waits: (ok, files, message), ok checked.
QList<QVariant> exportOriginalsAndWait(gui::MainWindow& window, const QString& folder, const DeidentifyOptions& options)
{
    QSignalSpy finished(&window, &gui::MainWindow::exportFinished);
    window.exportOriginals(folder, true, options);
    REQUIRE(finished.wait(30000));
    INFO(finished[0].at(2).toString().toStdString());
    REQUIRE(finished[0].at(0).toBool());
    return finished[0];
}

} // namespace

TEST_CASE("Export of the original images, de-identified, from the workstation", "[gui][mainwindow][deidentify]")
{
    const Setup s = prepare("mainwindow-deidentify");
    gui::GuiOptions options = optionsFor(s);
    options.auditLog = QString::fromStdString((s.folder / "audit.log").string());
    QString folder;
    {
        TestWindow t(options);
        openPhantom(*t.window, s);

        gui::ExportDialog dialog(0, 12);
        auto* masks = dialog.findChild<QLineEdit*>("export-masks");
        REQUIRE(masks);
        CHECK_FALSE(masks->isEnabled());
        dialog.format()->setCurrentIndex(dialog.format()->findData("dicom"));
        CHECK(dialog.originals());
        CHECK_FALSE(dialog.file()->text().endsWith(".dcm"));  // a folder
        CHECK_FALSE(masks->isEnabled());                      // only when de-identifying
        dialog.anonymize()->setChecked(true);
        CHECK(masks->isEnabled());
        masks->setText("0,0,10;");
        QString why;
        CHECK_FALSE(dialog.originalsOptions(why));
        CHECK(why.contains("X,Y,WIDTH,HEIGHT"));
        masks->setText("0,0,16,8");
        const auto chosen = dialog.originalsOptions(why);
        REQUIRE(chosen);
        REQUIRE(chosen->masks.size() == 1);
        CHECK(chosen->masks[0].width == 16);
        dialog.resize(dialog.sizeHint());
        dialog.grab().save(QString::fromStdString((s.folder / "export-originals-dialog.png").string()));  // to look at

        folder = QString::fromStdString((s.folder / "originals").string());
        CHECK(exportOriginalsAndWait(*t.window, folder, *chosen).at(1).toStringList().size() == 12);
    }
    const QStringList files = QDir(folder).entryList({"*.dcm"}, QDir::Files);
    REQUIRE(files.size() == 12);
    const ProcessResult dump = runProcess("dcmdump", {"-q", "+L", folder + "/" + files[0]});
    CHECK(dump.out.contains("(0012,0062) CS [YES]"));
    CHECK_FALSE(dump.out.contains("PHANTOM"));
    QFile log(options.auditLog);
    REQUIRE(log.open(QIODevice::ReadOnly));
    const QString records = QString::fromUtf8(log.readAll());
    CHECK(records.contains("csd-code=\"110106\""));  // Export
    CHECK(records.contains("UserID=\"" + folder + "\""));  // its destination
}

TEST_CASE("Rectangles drawn with the Mask tool black out burned-in text in the de-identified export", "[gui][mainwindow][deidentify][mask]")
{
    const Setup s = prepare("mainwindow-burned-in-mask");
    // Every image of the phantom says it has text burned into its pixels.
    QStringList sources;
    for (const auto& entry : std::filesystem::directory_iterator(s.phantom))
        sources << QString::fromStdString(entry.path().string());
    REQUIRE(runProcess("/usr/bin/python3", QStringList{"-c", "import pydicom,sys\nfor f in sys.argv[1:]:\n"
                                                             " d=pydicom.dcmread(f); d.BurnedInAnnotation='YES'; d.save_as(f)"}
                                               + sources)
                .exitCode == 0);
    gui::GuiOptions options = optionsFor(s);
    const QString folder = QString::fromStdString((s.folder / "originals").string());
    {
        TestWindow t(options);
        openPhantom(*t.window, s);
        SliceViewport* view = t.window->sliceViewport();
        auto* tool = t.window->findChild<QAction*>("tool-mask");
        REQUIRE(tool);
        tool->trigger();
        QTest::qWait(200);
        view->renderNow();
        // A drag from the middle of image pixel (8, 4) to that of (23, 11): pixels 8..23 x 4..11.
        const StackGeometry& g = view->volume()->geometry();
        const auto screen = [&](double i, double j) {
            const auto p = view->scene().viewPosition(g.toPatient(i, j, view->slice()));
            return QPoint(int(std::lround(p[0])), int(std::lround(p[1])));
        };
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, screen(8, 4));
        QTest::mouseMove(view, screen(15, 8));
        QTest::mouseMove(view, screen(23, 11));
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, screen(23, 11));
        REQUIRE(view->maskRectangles().size() == 1);
        CHECK(view->maskRectangles()[0] == QRect(8, 4, 16, 8));
        CHECK(view->editing().annotations().empty());  // a mask, not a rectangle measurement
        const QString masks = t.window->burnedInMasksText(view->seriesUid());
        CHECK(masks == "8,4,16,8");
        view->renderNow();
        t.window->screen()->grabWindow(t.window->winId()).save(QString::fromStdString((s.folder / "mask-drawn.png").string()));  // to look at

        // File > Export offers them for the de-identified export of the originals.
        QString offered = "dialog not shown";
        QTimer::singleShot(500, [&offered] {
            if (auto* dialog = qobject_cast<gui::ExportDialog*>(QApplication::activeModalWidget())) {
                offered = dialog->findChild<QLineEdit*>("export-masks")->text();
                dialog->reject();
            }
        });
        auto* exportAction = t.window->findChild<QAction*>("file-export");
        REQUIRE(exportAction);
        exportAction->trigger();
        CHECK(offered == masks);

        gui::ExportDialog dialog(0, 12);
        dialog.format()->setCurrentIndex(dialog.format()->findData("dicom"));
        dialog.anonymize()->setChecked(true);
        dialog.setMasks(offered);
        QString why;
        const auto chosen = dialog.originalsOptions(why);
        REQUIRE(chosen);
        const QList<QVariant> finished = exportOriginalsAndWait(*t.window, folder, *chosen);
        CHECK(finished.at(1).toStringList().size() == 12);
        CHECK(finished.at(2).toString().contains("12 masked"));
    }
    // Every exported image: black (stored 0) inside pixels 8..23 x 4..11, the phantom around them.
    const QStringList files = QDir(folder).entryList({"*.dcm"}, QDir::Files);
    REQUIRE(files.size() == 12);
    QStringList paths;
    for (const QString& f : files)
        paths << folder + "/" + f;
    const ProcessResult pixels = runProcess("/usr/bin/python3", QStringList{"-c", "import pydicom,sys\n"
                                                                                  "for f in sys.argv[1:]:\n"
                                                                                  " a=pydicom.dcmread(f).pixel_array\n"
                                                                                  " print(int(a[4:12,8:24].max()), int(a[3,8:24].min()), int(a[12,8:24].min()), int(a[4:12,7].min()), int(a[4:12,24].min()))"}
                                                                    + paths);
    INFO(pixels.err.toStdString());
    const QStringList lines = pixels.out.trimmed().split('\n');
    REQUIRE(lines.size() == 12);
    for (const QString& line : lines) {
        INFO(line.toStdString());
        const QStringList v = line.split(' ');
        REQUIRE(v.size() == 5);
        CHECK(v[0].toInt() == 0);  // inside: black
        for (int edge = 1; edge < 5; ++edge)
            CHECK(v[edge].toInt() > 0);  // the row above, below, the columns left and right: untouched
    }
}
