#include "hf/viewer/VtkRenderView.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <vtkCommand.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>

namespace hf {

VtkRenderView::VtkRenderView(QWidget* parent)
    : QWidget(parent)
    , m_renderWindow(vtkSmartPointer<vtkRenderWindow>::New())
    , m_interactor(vtkSmartPointer<vtkGenericRenderWindowInteractor>::New())
{
    // A native X11 window that Qt never paints: VTK owns every pixel of it.
    setAttribute(Qt::WA_NativeWindow);
    setAttribute(Qt::WA_PaintOnScreen);
    setAttribute(Qt::WA_NoSystemBackground);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(64, 64);
    m_interactor->SetRenderWindow(m_renderWindow);
    m_interactor->EnableRenderOff();  // Qt decides when to paint
}

VtkRenderView::~VtkRenderView()
{
    // Release GL resources while the native window still exists.
    m_renderWindow->Finalize();
}

vtkRenderWindow* VtkRenderView::renderWindow() const { return m_renderWindow; }
vtkGenericRenderWindowInteractor* VtkRenderView::interactor() const { return m_interactor; }

void VtkRenderView::addRenderer(vtkRenderer* renderer)
{
    m_renderWindow->AddRenderer(renderer);
}

void VtkRenderView::attachNativeWindow()
{
    if (m_attached)
        return;
    // VTK must talk to the same X display as Qt, or it resizes windows on a null display.
    if (auto* x11 = qApp->nativeInterface<QNativeInterface::QX11Application>())
        m_renderWindow->SetDisplayId(x11->display());
    m_renderWindow->SetWindowId(reinterpret_cast<void*>(winId()));
    m_attached = true;
    syncSize();
    m_interactor->Initialize();
    renderWindowReady();
}

void VtkRenderView::syncSize()
{
    const qreal ratio = devicePixelRatioF();
    m_renderWindow->SetSize(int(width() * ratio), int(height() * ratio));
    m_interactor->SetSize(int(width() * ratio), int(height() * ratio));
}

void VtkRenderView::renderNow()
{
    if (!m_attached || !isVisible())
        return;
    m_renderWindow->Render();
}

void VtkRenderView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    attachNativeWindow();
}

void VtkRenderView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_attached) {
        syncSize();
        m_interactor->InvokeEvent(vtkCommand::ConfigureEvent, nullptr);
    }
}

void VtkRenderView::paintEvent(QPaintEvent*)
{
    attachNativeWindow();
    renderNow();
}

void VtkRenderView::forwardMouse(QMouseEvent* event, unsigned long vtkEvent)
{
    const qreal ratio = devicePixelRatioF();
    const QPointF p = event->position() * ratio;
    m_interactor->SetEventInformationFlipY(int(p.x()), int(p.y()), event->modifiers() & Qt::ControlModifier,
                                           event->modifiers() & Qt::ShiftModifier, 0,
                                           event->type() == QEvent::MouseButtonDblClick);
    m_interactor->InvokeEvent(vtkEvent, event);
    update();
}

void VtkRenderView::mousePressEvent(QMouseEvent* event)
{
    switch (event->button()) {
    case Qt::LeftButton: forwardMouse(event, vtkCommand::LeftButtonPressEvent); break;
    case Qt::MiddleButton: forwardMouse(event, vtkCommand::MiddleButtonPressEvent); break;
    case Qt::RightButton: forwardMouse(event, vtkCommand::RightButtonPressEvent); break;
    default: break;
    }
}

void VtkRenderView::mouseReleaseEvent(QMouseEvent* event)
{
    switch (event->button()) {
    case Qt::LeftButton: forwardMouse(event, vtkCommand::LeftButtonReleaseEvent); break;
    case Qt::MiddleButton: forwardMouse(event, vtkCommand::MiddleButtonReleaseEvent); break;
    case Qt::RightButton: forwardMouse(event, vtkCommand::RightButtonReleaseEvent); break;
    default: break;
    }
}

void VtkRenderView::mouseMoveEvent(QMouseEvent* event)
{
    forwardMouse(event, vtkCommand::MouseMoveEvent);
}

void VtkRenderView::wheelEvent(QWheelEvent* event)
{
    const qreal ratio = devicePixelRatioF();
    const QPointF p = event->position() * ratio;
    m_interactor->SetEventInformationFlipY(int(p.x()), int(p.y()), event->modifiers() & Qt::ControlModifier,
                                           event->modifiers() & Qt::ShiftModifier);
    m_interactor->InvokeEvent(event->angleDelta().y() > 0 ? vtkCommand::MouseWheelForwardEvent
                                                          : vtkCommand::MouseWheelBackwardEvent,
                              event);
    update();
}

void VtkRenderView::keyPressEvent(QKeyEvent* event)
{
    const QByteArray text = event->text().toLatin1();
    m_interactor->SetKeyEventInformation(event->modifiers() & Qt::ControlModifier,
                                         event->modifiers() & Qt::ShiftModifier, text.isEmpty() ? 0 : text[0]);
    m_interactor->InvokeEvent(vtkCommand::KeyPressEvent, event);
    update();
}

} // namespace hf
