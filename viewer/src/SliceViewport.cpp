#include "hf/viewer/SliceViewport.h"

#include "hf/viewer/SliceAnnotationCanvas.h"

#include "hf/viewer/ValueText.h"

#include "hf/dicomio/AutoWindow.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/CornerText.h"

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
namespace {

QString patientCoordinate(double value, char positive, char negative)
{
    return QString("%1 %2").arg(value >= 0 ? positive : negative).arg(std::abs(value), 0, 'f', 1);
}

} // namespace

const char* SliceViewport::seriesMimeType() { return "application/x-hounsfield-series"; }

SliceViewport::SliceViewport(QWidget* parent)
    : VtkRenderView(parent)
    , m_scene(std::make_unique<SliceScene>())
    , m_canvas(std::make_unique<SliceAnnotationCanvas>(*m_scene))
    , m_editing(std::make_unique<AnnotationEditing>(*m_canvas))
    , m_structures(std::make_unique<StructureDisplay>(*m_scene))
    , m_segmentations(std::make_unique<SegmentationDisplay>(*m_scene))
    , m_reports(std::make_unique<ReportDisplay>(*m_scene))
    , m_fusion(std::make_unique<FusionDisplay>(*m_scene))
    , m_presentation(std::make_unique<PresentationDisplay>(*m_scene))
    , m_cine(new QTimer(this))
{
    addRenderer(m_scene->renderer());
    setAcceptDrops(true);
    m_cine->setTimerType(Qt::PreciseTimer);
    connect(m_cine, &QTimer::timeout, this, [this] {
        const int n = m_scene->sliceCount();
        if (n > 0)
            setSlice((slice() + 1) % n);
    });
}

SliceViewport::~SliceViewport() = default;

SliceScene& SliceViewport::scene() const { return *m_scene; }
int SliceViewport::slice() const { return m_scene->slice(); }

void SliceViewport::setVolume(std::shared_ptr<const Volume> volume, int slice)
{
    setCinePlaying(false);
    m_volume = volume;
    m_scene->setVolume(std::move(volume));
    if (slice >= 0)
        m_scene->setSlice(slice);
    m_editing->setAnnotations({});
    keepPresentationOnlyIfNamed();
    refreshObjects();
    changed();
    emit volumeChanged();
    emit windowChanged(m_scene->windowCenter(), m_scene->windowWidth());
}

void SliceViewport::clear()
{
    m_info = {};
    m_stack = {};
    setVolume(nullptr);
}

bool SliceViewport::replaceVolume(std::shared_ptr<const Volume> volume, const StackPosition& position)
{
    if (!m_scene->replaceVolume(volume))
        return false;
    m_volume = std::move(volume);
    m_stack = position;
    m_editing->refresh();
    refreshObjects();
    changed();
    return true;
}

void SliceViewport::setSlice(int k)
{
    if (!m_scene->hasVolume())
        return;
    const int before = m_scene->slice();
    {
        // The slice, our annotations on it and other systems' objects: their shapes placed once.
        const SliceScene::ShapeBatch placedOnce(*m_scene);
        m_scene->setSlice(k);
        if (m_scene->slice() != before) {
            m_editing->refresh();
            refreshObjects();
        }
    }
    if (m_scene->slice() != before) {
        changed();
        emit sliceChanged(m_scene->slice());
    }
}

void SliceViewport::setWindow(double center, double width)
{
    m_scene->setWindow(center, width);
    changed();
    emit windowChanged(center, width);
}

void SliceViewport::autoWindow()
{
    if (!m_volume || (m_scene->isColour() && !m_scene->windowsColour()))
        return;
    const WindowPreset w = hf::autoWindow(*m_volume, slice());
    setWindow(w.center, w.width);
}

void SliceViewport::setInverted(bool inverted)
{
    m_scene->setInverted(inverted);
    changed();
}

void SliceViewport::setSeriesInfo(const SeriesContext& info)
{
    m_info = info;
    changed();
}

void SliceViewport::setStackPosition(const StackPosition& position)
{
    m_stack = position;
    changed();
}

void SliceViewport::volumeLoaded()
{
    m_scene->volumeDataChanged();
    update();
}

void SliceViewport::setCornerTextVisible(bool visible)
{
    m_scene->overlay().setCornerTextVisible(visible);
    changed();
}

void SliceViewport::setCinePlaying(bool playing)
{
    if (playing == m_cine->isActive())
        return;
    if (playing && m_scene->sliceCount() > 1)
        m_cine->start(int(std::lround(1000.0 / m_cineRate)));
    else
        m_cine->stop();
    emit cineChanged(m_cine->isActive(), m_cineRate);
}

bool SliceViewport::cinePlaying() const { return m_cine->isActive(); }

void SliceViewport::setCineRate(double framesPerSecond)
{
    m_cineRate = std::clamp(framesPerSecond, 1.0, 60.0);
    if (m_cine->isActive())
        m_cine->setInterval(int(std::lround(1000.0 / m_cineRate)));
    emit cineChanged(m_cine->isActive(), m_cineRate);
}

void SliceViewport::setReferenceLines(const std::vector<Segment>& lines, const std::vector<std::array<double, 3>>& colours)
{
    m_scene->setReferenceLines(lines, colours);
    update();
}

void SliceViewport::setAnnotations(std::vector<ViewAnnotation> annotations)
{
    m_editing->setAnnotations(std::move(annotations));
    update();
}

void SliceViewport::setTool(std::optional<AnnotationKind> tool)
{
    m_editing->setTool(tool);
    setCursor(tool ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

AnnotationEditing& SliceViewport::editing() const { return *m_editing; }

bool SliceViewport::deliver(const AnnotationEditing::Outcome& outcome)
{
    switch (outcome.kind) {
    case AnnotationEditing::Outcome::Ignored: return false;
    case AnnotationEditing::Outcome::Drawn: emit annotationDrawn(outcome.drawnKind, outcome.points); break;
    case AnnotationEditing::Outcome::Edited: emit annotationEdited(QString::fromStdString(outcome.id), outcome.points); break;
    case AnnotationEditing::Outcome::Consumed: break;
    }
    if (!m_editing->selected().empty())
        emit annotationSelected(QString::fromStdString(m_editing->selected()));
    update();
    return true;
}

void SliceViewport::refresh() { changed(); }

void SliceViewport::changed()
{
    refreshOverlay();
    update();
}

void SliceViewport::refreshOverlay()
{
    if (!m_scene->hasVolume())
        return;
    auto corners = composeCornerText(m_info, m_stack, *m_scene);
    addObjectCornerLines(corners[SliceOverlay::TopRight]);
    for (int c = 0; c < 4; ++c)
        m_scene->overlay().setCornerLines(SliceOverlay::Corner(c), corners[size_t(c)]);
    m_scene->relayoutOverlay();
}

void SliceViewport::probeAt(QPointF position)
{
    const qreal ratio = devicePixelRatioF();
    const auto p = m_scene->probe(position.x() * ratio, position.y() * ratio);
    if (!p || !m_volume) {
        emit probed({});
        return;
    }
    QString value = m_scene->isColour() ? QString("RGB %1, %2, %3")
                                              .arg(m_volume->componentAt(p->i, p->j, p->k, 0))
                                              .arg(m_volume->componentAt(p->i, p->j, p->k, 1))
                                              .arg(m_volume->componentAt(p->i, p->j, p->k, 2))
                                        : probeValueText(*m_volume, p->value);
    if (const auto fused = m_fusion->valueText(p->patient))
        value += QString(", fused %1").arg(QString::fromStdString(*fused));
    emit probed(QString("%1 at pixel (%2, %3) slice %4, (%5, %6, %7) mm")
                    .arg(value)
                    .arg(p->i)
                    .arg(p->j)
                    .arg(p->k + 1)
                    .arg(patientCoordinate(p->patient.x, 'L', 'R'), patientCoordinate(p->patient.y, 'P', 'A'),
                         patientCoordinate(p->patient.z, 'H', 'F')));
}

void SliceViewport::zoomBy(double factor)
{
    m_scene->setZoom(m_scene->viewState().zoom() * factor);
    changed();
    emit zoomChanged(m_scene->viewState().zoom());
}

void SliceViewport::setZoom(double zoom)
{
    m_scene->setZoom(zoom);
    changed();
}

void SliceViewport::panBy(double dx, double dy)
{
    m_scene->panByPixels(dx, dy);
    changed();
    emit panned();
}

void SliceViewport::centreOn(const Vec3& point)
{
    const auto at = m_scene->viewPosition(point);
    const auto size = m_scene->viewSize();
    m_scene->panByPixels(size[0] / 2.0 - at[0], size[1] / 2.0 - at[1]);
    changed();
}

Vec3 SliceViewport::centrePoint() const
{
    const auto size = m_scene->viewSize();
    return m_scene->patientPosition(size[0] / 2.0, size[1] / 2.0);
}

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
