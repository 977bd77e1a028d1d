#include "hf/viewer/SliceViewport.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>

namespace hf {

SliceViewport::SliceViewport(QWidget* parent)
    : VtkRenderView(parent)
    , m_scene(std::make_unique<SliceScene>())
{
    addRenderer(m_scene->renderer());
}

SliceViewport::~SliceViewport() = default;

SliceScene& SliceViewport::scene() const { return *m_scene; }
int SliceViewport::slice() const { return m_scene->slice(); }

void SliceViewport::setVolume(std::shared_ptr<const Volume> volume, int slice)
{
    m_scene->setVolume(std::move(volume));
    if (slice >= 0)
        m_scene->setSlice(slice);
    refreshCornerText();
    emit sliceChanged(m_scene->slice());
    emit windowChanged(m_scene->windowCenter(), m_scene->windowWidth());
    update();
}

void SliceViewport::setSlice(int k)
{
    if (!m_scene->hasVolume())
        return;
    const int before = m_scene->slice();
    m_scene->setSlice(k);
    if (m_scene->slice() != before) {
        refreshCornerText();
        emit sliceChanged(m_scene->slice());
        update();
    }
}

void SliceViewport::setWindow(double center, double width)
{
    m_scene->setWindow(center, width);
    refreshCornerText();
    emit windowChanged(center, width);
    update();
}

void SliceViewport::setPatientText(const QString& text)
{
    m_scene->setCornerText(2, text.toUtf8().constData());
    update();
}

void SliceViewport::volumeLoaded()
{
    m_scene->volumeDataChanged();
    update();
}

void SliceViewport::refreshCornerText()
{
    if (!m_scene->hasVolume())
        return;
    const QString lowerLeft = QString("Im %1/%2").arg(m_scene->slice() + 1).arg(m_scene->sliceCount());
    const QString lowerRight = m_scene->usingVoiLut()
                                   ? QString("VOI LUT")
                                   : QString("W %1 L %2").arg(m_scene->windowWidth(), 0, 'f', 0).arg(m_scene->windowCenter(), 0, 'f', 0);
    m_scene->setCornerText(0, lowerLeft.toUtf8().constData());
    m_scene->setCornerText(1, lowerRight.toUtf8().constData());
}

void SliceViewport::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_windowing = true;
        m_dragStart = event->position().toPoint();
        m_dragCenter = m_scene->windowCenter();
        m_dragWidth = m_scene->windowWidth();
    }
}

void SliceViewport::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        m_windowing = false;
}

void SliceViewport::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_windowing)
        return;
    // One screen pixel moves the window by a fixed fraction of the starting width, as in most viewers.
    const QPoint d = event->position().toPoint() - m_dragStart;
    const double step = std::max(1.0, m_dragWidth) / 256.0;
    setWindow(m_dragCenter - d.y() * step, std::max(1.0, m_dragWidth + d.x() * step));
}

void SliceViewport::wheelEvent(QWheelEvent* event)
{
    m_wheelRemainder += event->angleDelta().y();
    const int steps = m_wheelRemainder / 120;
    m_wheelRemainder -= steps * 120;
    if (steps)
        setSlice(m_scene->slice() - steps);
    event->accept();
}

void SliceViewport::keyPressEvent(QKeyEvent* event)
{
    const int page = std::max(1, m_scene->sliceCount() / 10);
    switch (event->key()) {
    case Qt::Key_Up: case Qt::Key_Left: setSlice(slice() - 1); break;
    case Qt::Key_Down: case Qt::Key_Right: setSlice(slice() + 1); break;
    case Qt::Key_PageUp: setSlice(slice() - page); break;
    case Qt::Key_PageDown: setSlice(slice() + page); break;
    case Qt::Key_Home: setSlice(0); break;
    case Qt::Key_End: setSlice(m_scene->sliceCount() - 1); break;
    default: VtkRenderView::keyPressEvent(event); return;
    }
    event->accept();
}

void SliceViewport::resizeEvent(QResizeEvent* event)
{
    VtkRenderView::resizeEvent(event);
    m_scene->resetCamera();  // keep the image fitted to the view
}

} // namespace hf
