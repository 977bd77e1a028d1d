#include "ScreenshotTaker.h"

#include "AnnotationController.h"
#include "MainWindow.h"
#include "KeyObjectReactions.h"
#include "PresentationStateReactions.h"
#include "ReportReactions.h"
#include "SegmentationReactions.h"
#include "StructureReactions.h"
#include "SyncController.h"
#include "ViewDescription.h"

#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/MprWidget.h"
#include "hf/viewer/ViewportGrid.h"
#include "hf/viewer/VolumeViewport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include <cstdio>

namespace hf::gui {

ScreenshotTaker::ScreenshotTaker(MainWindow& window, QString path)
    : QObject(&window)
    , m_window(window)
    , m_path(std::move(path))
{
    connect(&window, &MainWindow::loadFinished, this, &ScreenshotTaker::capture);
}

void ScreenshotTaker::capture(bool loaded, const QString& message)
{
    if (!loaded) {
        std::fprintf(stderr, "hounsfield: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
        return;
    }
    for (const auto& problem : m_window.problems())
        std::fprintf(stderr, "hounsfield: could not read %s\n", qPrintable(problem));
    // Let Qt lay out and paint, render the VTK views synchronously, then read the screen.
    QTimer::singleShot(200, this, [this] {
        // A picture, not an interactive session: wait for the sync's pull of the opened study and
        // for the annotations it brought, so that the picture shows them.
        m_window.syncController()->waitForIdle();
        QCoreApplication::processEvents();
        m_window.annotationController()->waitForIdle();
        QCoreApplication::processEvents();
        // And for the study's RT structure sets, segmentations and reports (read in the background), at most half a minute.
        QElapsedTimer waited;
        waited.start();
        auto reading = [this] {
            return m_window.structureReactions()->reading() || m_window.segmentationReactions()->reading()
                   || m_window.reportReactions()->reading() || m_window.keyObjectReactions()->reading()
                   || m_window.presentationStateReactions()->reading();
        };
        while (reading() && waited.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        // And for the segments' surfaces of the 3D views (made in the background).
        auto making = [this] { return m_window.volumeViewport()->makingSurfaces() || m_window.mprWidget()->volumeView()->makingSurfaces(); };
        while (making() && waited.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (m_window.mprShown())
            m_window.mprWidget()->renderAll();
        const ViewportGrid* grid = m_window.viewportGrid();
        for (int i = 0; i < grid->viewCount(); ++i)
            grid->view(i)->renderNow();
        if (m_window.volumeViewport()->isVisible())
            m_window.volumeViewport()->renderNow();
        QCoreApplication::processEvents();
        const QPixmap shot = m_window.screen()->grabWindow(m_window.winId());
        if (shot.isNull() || !shot.save(m_path, "PNG")) {
            std::fprintf(stderr, "hounsfield: cannot write screenshot %s\n", qPrintable(m_path));
            QCoreApplication::exit(1);
            return;
        }
        // What is where, beside the picture: FILE.png -> FILE.json.
        const QFileInfo info(m_path);
        QFile json(info.path() + "/" + info.completeBaseName() + ".json");
        if (!json.open(QIODevice::WriteOnly) || json.write(QJsonDocument(describeViews(m_window)).toJson()) < 0) {
            std::fprintf(stderr, "hounsfield: cannot write %s\n", qPrintable(json.fileName()));
            QCoreApplication::exit(1);
            return;
        }
        std::fprintf(stderr, "hounsfield: wrote %s (%dx%d) and %s\n", qPrintable(m_path), shot.width(), shot.height(),
                     qPrintable(json.fileName()));
        QCoreApplication::exit(0);
    });
}

} // namespace hf::gui
