// hounsfield: the radiology workstation (command line: ../shared/docs/cli.md, README.md).
#include "GuiOptions.h"
#include "MainWindow.h"
#include "PresetLibrary.h"
#include "ReaderIdentityDialog.h"
#include "ProtocolReactions.h"
#include "ScreenshotTaker.h"
#include "Workstation.h"

#include "AuditTrail.h"

#include "hf/dicomio/DcmtkSettings.h"
#include "hf/dicomio/GdcmDiagnostics.h"
#include "hf/dicomio/Volume.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSurfaceFormat>

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    // Before any display is needed: a package test or a script asks without one.
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--version") {
            std::printf("hounsfield %s\n", HF_VERSION);
            return 0;
        }
    // The VTK views are native X11 windows (docs/qt-vtk-bridge.md).
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "xcb" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QApplication::setApplicationName("Hounsfield");
    hf::silenceGdcmDiagnostics();
    hf::quietDcmtk();  // DCMTK's log set up here, not on the first worker thread that uses DCMTK
    qRegisterMetaType<std::shared_ptr<const hf::Volume>>();

    QString error;
    bool helpShown = false;
    const auto options = hf::gui::parseGuiOptions(app.arguments().mid(1), error, helpShown);
    if (!options) {
        if (helpShown)
            return 0;
        std::fprintf(stderr, "hounsfield: %s\n", qPrintable(error));
        return 2;
    }
    const hf::gui::PresetLibrary presets;
    if (!options->windowPreset.isEmpty() && !presets.windowPreset(options->windowPreset)) {
        std::fprintf(stderr, "hounsfield: unknown --preset '%s'\n", qPrintable(options->windowPreset));
        return 2;
    }

    // The composition root: every window of this process shares its services.
    QSettings settings;
    // The reader: asked at the first interactive start; scripted runs (screenshots, timings)
    // take the configured name or the login name.
    hf::app::UserIdentity reader = hf::app::UserIdentity::load(settings);
    const bool scripted = !options->screenshotPath.isEmpty() || !options->timingsPath.isEmpty();
    if (!reader.configured() && !scripted) {
        hf::gui::ReaderIdentityDialog ask(reader);
        if (ask.exec() == QDialog::Accepted) {
            reader = ask.identity();
            reader.save(settings);
        }
    }
    hf::gui::Workstation station(*options, hf::gui::NodeSettings::load(settings), presets, reader);
    station.audit()->post(hf::AuditEvent(hf::AuditEventKind::ApplicationStart));
    station.audit()->post(hf::AuditEvent(hf::AuditEventKind::UserLogin));
    hf::gui::MainWindow window(station, *options);
    if (!options->screenshotPath.isEmpty())
        new hf::gui::ScreenshotTaker(window, options->screenshotPath);
    else if (!options->timingsPath.isEmpty())
        QObject::connect(&window, &hf::gui::MainWindow::loadFinished, &app, [&window, &options](bool ok, const QString& message) {
            const hf::gui::HangingState hung = window.hangingState();
            QFile out(options->timingsPath);
            const QJsonObject timings{{"ok", ok}, {"message", message}, {"protocol", hung.protocol},
                                      {"first_images_ms", hung.firstImagesMs}, {"volumes_ms", hung.volumesMs}};
            const bool written = out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(timings).toJson()) > 0;
            QCoreApplication::exit(ok && written ? 0 : 1);
        });
    window.show();
    if (!options->paths.isEmpty())
        window.open(options->paths);
    const int exitCode = app.exec();
    station.audit()->post(hf::AuditEvent(hf::AuditEventKind::ApplicationStop));
    return exitCode;
}
