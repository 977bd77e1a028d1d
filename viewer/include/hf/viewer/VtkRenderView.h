#pragma once
// The Qt 6 <-> VTK bridge: a native child window that a plain vtkRenderWindow draws into
// (docs/qt-vtk-bridge.md says why this and not QOpenGLWidget). Resizes with its layout,
// renders in paintEvent only (once per update(): scrolling must not render twice), and forwards mouse and keyboard to a vtkRenderWindowInteractor for
// subclasses that want VTK's interactor styles. GUI thread only.
#include <QWidget>

#include <vtkSmartPointer.h>

class vtkGenericRenderWindowInteractor;
class vtkRenderWindow;
class vtkRenderer;

namespace hf {

class VtkRenderView : public QWidget {
    Q_OBJECT
public:
    explicit VtkRenderView(QWidget* parent = nullptr);
    ~VtkRenderView() override;

    vtkRenderWindow* renderWindow() const;
    vtkGenericRenderWindowInteractor* interactor() const;
    void addRenderer(vtkRenderer* renderer);
    // Renders now (synchronously). Use update() to render at the next paint.
    void renderNow();

    QPaintEngine* paintEngine() const override { return nullptr; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

    // Forwarding to the VTK interactor; subclasses may override and handle events themselves.
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

    // Called once the native window exists and the render window is attached to it.
    virtual void renderWindowReady() {}

private:
    void attachNativeWindow();
    void syncSize();
    void forwardMouse(QMouseEvent* event, unsigned long vtkEvent);

    vtkSmartPointer<vtkRenderWindow> m_renderWindow;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> m_interactor;
    bool m_attached = false;
};

} // namespace hf
