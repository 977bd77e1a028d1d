#pragma once
// Implements --screenshot: once the window has loaded what was asked, render every view, read
// the window back from the X server (QWidget::grab() would show the VTK areas black, see
// docs/qt-vtk-bridge.md), write the PNG and quit with 0 (1 if loading or writing failed).
#include <QObject>
#include <QString>

namespace hf::gui {

class MainWindow;

class ScreenshotTaker : public QObject {
    Q_OBJECT
public:
    ScreenshotTaker(MainWindow& window, QString path);

private:
    void capture(bool loaded, const QString& message);

    MainWindow& m_window;
    QString m_path;
};

} // namespace hf::gui
