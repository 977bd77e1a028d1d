#include "ScreenshotTaker.h"

#include "MainWindow.h"

#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/VolumeViewport.h"

#include <QCoreApplication>
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
        if (m_window.sliceViewport()->isVisible())
            m_window.sliceViewport()->renderNow();
        if (m_window.volumeViewport()->isVisible())
            m_window.volumeViewport()->renderNow();
        QCoreApplication::processEvents();
        const QPixmap shot = m_window.screen()->grabWindow(m_window.winId());
        if (shot.isNull() || !shot.save(m_path, "PNG")) {
            std::fprintf(stderr, "hounsfield: cannot write screenshot %s\n", qPrintable(m_path));
            QCoreApplication::exit(1);
            return;
        }
        std::fprintf(stderr, "hounsfield: wrote %s (%dx%d)\n", qPrintable(m_path), shot.width(), shot.height());
        QCoreApplication::exit(0);
    });
}

} // namespace hf::gui
