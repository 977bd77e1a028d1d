#include "hf/viewer/ReformatView.h"

#include "hf/rendering/SliceOverlay.h"

#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace hf {

ReformatView::ReformatView(QWidget* parent)
    : VtkRenderView(parent)
    , m_scene(std::make_unique<ReformatScene>())
    , m_overlay(std::make_unique<SliceOverlay>(m_scene->renderer()))
{
    addRenderer(m_scene->renderer());
}

ReformatView::~ReformatView() = default;

void ReformatView::refresh()
{
    m_overlay->setVisible(m_scene->hasImage());
    if (m_scene->hasImage())
        m_overlay->layout(std::max(1, int(width() * devicePixelRatioF())), std::max(1, int(height() * devicePixelRatioF())),
                          m_scene->millimetresPerPixel());
    update();
}

void ReformatView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    m_last = event->position();
    m_drag = event->button() == Qt::LeftButton ? (m_spanTool ? Drag::Span : Drag::Station)
             : event->button() == Qt::RightButton ? Drag::Window
                                                   : Drag::None;
    if (m_drag == Drag::Span && m_scene->hasImage()) {
        const qreal r = devicePixelRatioF();
        m_spanStart = m_scene->imagePosition(event->position().x() * r, event->position().y() * r)[1];
    }
    if (m_drag == Drag::Station && m_scene->hasImage()) {
        const qreal r = devicePixelRatioF();
        emit rowPicked(m_scene->imagePosition(event->position().x() * r, event->position().y() * r)[1]);
    }
    event->accept();
}

void ReformatView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF d = event->position() - m_last;
    m_last = event->position();
    if (m_drag == Drag::Station && m_scene->hasImage()) {
        const qreal r = devicePixelRatioF();
        emit rowPicked(m_scene->imagePosition(event->position().x() * r, event->position().y() * r)[1]);
    } else if (m_drag == Drag::Window) {
        emit windowed(-d.y(), d.x());
    }
    event->accept();
}

void ReformatView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Span && m_scene->hasImage()) {
        const qreal r = devicePixelRatioF();
        const double end = m_scene->imagePosition(event->position().x() * r, event->position().y() * r)[1];
        if (std::abs(end - m_spanStart) >= 1)
            emit spanPicked(m_spanStart, end);
    }
    m_drag = Drag::None;
    event->accept();
}

void ReformatView::wheelEvent(QWheelEvent* event)
{
    m_wheel += event->angleDelta().y();
    const int steps = m_wheel / 120;
    m_wheel -= steps * 120;
    if (steps && (event->modifiers() & Qt::ControlModifier))
        emit turned(10.0 * steps);
    else if (steps)
        emit stepped(-steps);
    event->accept();
}

void ReformatView::resizeEvent(QResizeEvent* event)
{
    VtkRenderView::resizeEvent(event);
    m_scene->viewResized();
    refresh();
}

} // namespace hf
