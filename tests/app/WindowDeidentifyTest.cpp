// File > Export, "DICOM originals" (issue 23): the dialog offers the de-identification options
// only for that format with Anonymize ticked; the series' original instances reach the folder
// de-identified, and the export is in the audit trail.
#include "MainWindowFixture.h"

#include "ExportDialog.h"

#include <catch2/catch.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>

using namespace hf;
using namespace hf::test;

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
        QSignalSpy finished(t.window.get(), &gui::MainWindow::exportFinished);
        t.window->exportOriginals(folder, true, *chosen);
        REQUIRE(finished.wait(30000));
        INFO(finished[0].at(2).toString().toStdString());
        REQUIRE(finished[0].at(0).toBool());
        CHECK(finished[0].at(1).toStringList().size() == 12);
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
