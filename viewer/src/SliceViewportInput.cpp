// SliceViewport's input: the mouse (tools, window/level, pan, zoom, scroll, the mask tool), the
// wheel, keys, and series dropped from the study list.
#include "hf/viewer/SliceViewport.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QTimer>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace hf {

void SliceViewport::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    emit activated();
    m_dragStart = m_dragLast = event->position();
    m_dragCenter = m_scene->windowCenter();
    m_dragWidth = m_scene->windowWidth();
    m_dragSlice = slice();
    const auto mods = event->modifiers();
    const qreal ratio = devicePixelRatioF();
    if (event->button() == Qt::LeftButton && mods == Qt::NoModifier && m_maskTool && m_scene->hasVolume()) {
        m_drag = Drag::Mask;
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && mods == Qt::NoModifier &&
        deliver(m_editing->press(event->position().x() * ratio, event->position().y() * ratio))) {
        m_drag = Drag::Annotation;
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton)
        m_drag = mods & Qt::ControlModifier ? Drag::Scroll : mods & Qt::ShiftModifier ? Drag::Pan : Drag::Window;
    else if (event->button() == Qt::MiddleButton)
        m_drag = Drag::Pan;
    else if (event->button() == Qt::RightButton)
        m_drag = Drag::Zoom;
    event->accept();
}

void SliceViewport::mouseDoubleClickEvent(QMouseEvent* event)
{
    const qreal ratio = devicePixelRatioF();
    if (event->button() == Qt::LeftButton && m_editing->drawing())
        deliver(m_editing->press(event->position().x() * ratio, event->position().y() * ratio, true));
    event->accept();
}

void SliceViewport::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Annotation) {
        const qreal ratio = devicePixelRatioF();
        deliver(m_editing->release(event->position().x() * ratio, event->position().y() * ratio));
    }
    if (m_drag == Drag::Mask) {
        const auto drawn = maskBetween(m_dragStart, event->position());
        m_maskPreview.reset();
        refreshMasks();
        refresh();
        if (drawn)
            emit maskDrawn(*drawn);
    }
    const bool still = (event->position() - m_dragStart).manhattanLength() < 3;
    // Shift+click (a pan that did not move): the 3D cursor there.
    if (m_drag == Drag::Pan && event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier) && still && m_scene->hasVolume()) {
        const qreal ratio = devicePixelRatioF();
        emit cursorPlaced(m_scene->patientPosition(event->position().x() * ratio, event->position().y() * ratio));
    }
    // A left press that did not move is a click on the image (the windowing drag it began did nothing).
    if (m_drag == Drag::Window && event->button() == Qt::LeftButton && still) {
        const qreal ratio = devicePixelRatioF();
        if (const auto p = m_scene->probe(event->position().x() * ratio, event->position().y() * ratio))
            emit imageClicked(p->i, p->j, p->k);
    }
    m_drag = Drag::None;
    event->accept();
}

void SliceViewport::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF p = event->position();
    const QPointF d = p - m_dragStart, step = p - m_dragLast;
    m_dragLast = p;
    switch (m_drag) {
    case Drag::None:
        probeAt(p);
        if (m_editing->drawing())  // the next point of an angle or polygon follows the mouse
            deliver(m_editing->move(p.x() * devicePixelRatioF(), p.y() * devicePixelRatioF()));
        break;
    case Drag::Annotation: deliver(m_editing->move(p.x() * devicePixelRatioF(), p.y() * devicePixelRatioF())); break;
    case Drag::Window: {
        if (m_scene->isColour() && !m_scene->windowsColour())
            break;
        // One screen pixel moves the window by a fixed fraction of the starting width, as in most viewers.
        const double unit = std::max(1.0, m_dragWidth) / 256.0;
        setWindow(m_dragCenter - d.y() * unit, std::max(1.0, m_dragWidth + d.x() * unit));
        break;
    }
    case Drag::Pan: panBy(step.x() * devicePixelRatioF(), step.y() * devicePixelRatioF()); break;
    case Drag::Zoom: zoomBy(std::pow(1.01, -step.y())); break;
    case Drag::Scroll: setSlice(m_dragSlice + int(std::lround(d.y() / 4))); break;
    case Drag::Mask:
        m_maskPreview = maskBetween(m_dragStart, p);
        refreshMasks();
        refresh();
        break;
    }
    event->accept();
}

void SliceViewport::wheelEvent(QWheelEvent* event)
{
    m_wheelRemainder += event->angleDelta().y();
    const int steps = m_wheelRemainder / 120;
    m_wheelRemainder -= steps * 120;
    if (steps) {
        if (event->modifiers() & Qt::ControlModifier)
            zoomBy(std::pow(1.2, steps));
        else
            setSlice(m_scene->slice() - steps);
    }
    event->accept();
}

void SliceViewport::keyPressEvent(QKeyEvent* event)
{
    const int page = std::max(1, m_scene->sliceCount() / 10);
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
    case Qt::Key_Up: case Qt::Key_Left: setSlice(slice() - 1); break;
    case Qt::Key_Down: case Qt::Key_Right: setSlice(slice() + 1); break;
    case Qt::Key_PageUp: setSlice(slice() - page); break;
    case Qt::Key_PageDown: setSlice(slice() + page); break;
    case Qt::Key_Home: setSlice(0); break;
    case Qt::Key_End: setSlice(m_scene->sliceCount() - 1); break;
    case Qt::Key_R:
        shift ? m_scene->rotateCounterClockwise() : m_scene->rotateClockwise();
        changed();
        break;
    case Qt::Key_H: m_scene->flipHorizontal(); changed(); break;
    case Qt::Key_V:
        if (event->modifiers() & Qt::ControlModifier) {
            // Paste: the copied shape at the same place in the plane, on the shown slice.
            if (m_clipboard && m_volume) {
                const SlicePlane plane = m_scene->plane();
                std::vector<Vec3> points;
                for (const Vec3& p : m_clipboard->points)
                    points.push_back(p - plane.normal * (p - plane.origin).dot(plane.normal));
                emit annotationDrawn(m_clipboard->kind, points);
            }
        } else {
            m_scene->flipVertical();
            changed();
        }
        break;
    case Qt::Key_I: setInverted(!m_scene->viewState().inverted()); break;
    case Qt::Key_A: autoWindow(); break;
    case Qt::Key_F: m_scene->fit(); changed(); emit zoomChanged(1.0); break;
    case Qt::Key_Escape:
        if (!m_editing->cancel()) {
            m_scene->resetView();
            changed();
        }
        update();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter: deliver(m_editing->finish()); break;
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (m_editing->selected().empty())
            return VtkRenderView::keyPressEvent(event);
        emit annotationDeleteRequested(QString::fromStdString(m_editing->selected()));
        break;
    case Qt::Key_K: emit keyImageToggled(slice()); break;
    case Qt::Key_Equal: m_scene->zoomToActualPixels(); changed(); emit zoomChanged(m_scene->viewState().zoom()); break;
    case Qt::Key_Plus: zoomBy(1.25); break;
    case Qt::Key_Minus: zoomBy(0.8); break;
    case Qt::Key_C:
        if (event->modifiers() & Qt::ControlModifier) {
            for (const auto& a : m_editing->annotations())
                if (a.annotation.id == m_editing->selected())
                    m_clipboard = a.annotation;
        } else {
            setCinePlaying(!cinePlaying());
        }
        break;
    case Qt::Key_BracketLeft: setCineRate(m_cineRate - 5 < 1 ? 1 : m_cineRate - 5); break;
    case Qt::Key_BracketRight: setCineRate(m_cineRate < 5 ? 5 : m_cineRate + 5); break;
    case Qt::Key_T: setCornerTextVisible(!m_scene->overlay().cornerTextVisible()); break;
    case Qt::Key_O: setImageOverlaysShown(!m_imageOverlaysShown); break;
    default: VtkRenderView::keyPressEvent(event); return;
    }
    event->accept();
}

void SliceViewport::resizeEvent(QResizeEvent* event)
{
    VtkRenderView::resizeEvent(event);
    m_scene->viewResized();  // keep the image fitted and the overlay inside the view
}

void SliceViewport::focusInEvent(QFocusEvent* event)
{
    VtkRenderView::focusInEvent(event);
    emit activated();
}

void SliceViewport::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(seriesMimeType()))
        event->acceptProposedAction();
}

void SliceViewport::dropEvent(QDropEvent* event)
{
    // "study\nseries" from the study list, "study\nseries\nstack" from the series strip.
    const QStringList ids = QString::fromUtf8(event->mimeData()->data(seriesMimeType())).split('\n');
    if (ids.size() == 2 || ids.size() == 3) {
        bool ok = true;
        const int stack = ids.size() == 3 ? ids[2].toInt(&ok) : -1;
        if (!ok)
            return;
        emit seriesDropped(ids[0], ids[1], stack);
        event->acceptProposedAction();
    }
}

} // namespace hf
