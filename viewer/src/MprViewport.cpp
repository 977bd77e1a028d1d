#include "hf/viewer/MprViewport.h"

#include "hf/dicomio/Volume.h"
#include "hf/viewer/MprAnnotationCanvas.h"
#include "hf/viewer/ValueText.h"
#include "hf/rendering/SliceOverlay.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace hf {
namespace {

const char* planeName(MprPlane p)
{
    return p == MprPlane::Axial ? "Axial" : p == MprPlane::Coronal ? "Coronal" : "Sagittal";
}

const char* slabName(SlabMode s)
{
    return s == SlabMode::Maximum ? "MIP" : s == SlabMode::Minimum ? "MinIP" : s == SlabMode::Mean ? "Average" : "";
}

} // namespace

MprViewport::MprViewport(MprScene& scene, MprPlane plane, QWidget* parent)
    : VtkRenderView(parent)
    , m_scene(scene)
    , m_plane(plane)
    , m_overlay(std::make_unique<SliceOverlay>(scene.renderer(plane)))
    , m_canvas(std::make_unique<MprAnnotationCanvas>(scene, plane))
    , m_editing(std::make_unique<AnnotationEditing>(*m_canvas))
{
    addRenderer(scene.renderer(plane));
}

void MprViewport::setTool(std::optional<AnnotationKind> tool)
{
    m_editing->setTool(tool == AnnotationKind::Sphere ? std::nullopt : tool);
}

void MprViewport::setAnnotations(std::vector<ViewAnnotation> annotations)
{
    m_editing->setAnnotations(std::move(annotations));
}

bool MprViewport::deliver(const AnnotationEditing::Outcome& outcome)
{
    switch (outcome.kind) {
    case AnnotationEditing::Outcome::Ignored: return false;
    case AnnotationEditing::Outcome::Drawn: emit annotationDrawn(outcome.drawnKind, outcome.points, m_canvas->planeNow()); break;
    case AnnotationEditing::Outcome::Edited: emit annotationEdited(QString::fromStdString(outcome.id), outcome.points); break;
    case AnnotationEditing::Outcome::Consumed: break;
    }
    renderNow();
    return true;
}

MprViewport::~MprViewport() = default;

SliceOverlay& MprViewport::overlay() const { return *m_overlay; }

void MprViewport::refresh()
{
    const bool shown = m_scene.volume() != nullptr;
    m_overlay->setVisible(shown);
    if (shown) {
        m_editing->refresh();  // the plane may have moved: what it shows of the measurements
        const Vec3 c = m_scene.crosshair();
        const double along = c.dot(m_scene.normal(m_plane));
        std::vector<std::string> lines = m_title;
        if (lines.empty())
            lines = {planeName(m_plane), QString("Pos %1 mm").arg(along, 0, 'f', 1).toStdString()};
        if (m_scene.slabMode() != SlabMode::None)
            lines.push_back(QString("%1 %2 mm").arg(slabName(m_scene.slabMode())).arg(m_scene.slabThickness(), 0, 'f', 1).toStdString());
        m_overlay->setCornerLines(SliceOverlay::BottomLeft, lines);
        std::vector<std::string> topLeft;
        // "Not received yet:" over "n of N slices": one line would be cut short on a narrow plane.
        if (const size_t colon = m_notice.find(": "); colon != std::string::npos) {
            topLeft.push_back(m_notice.substr(0, colon + 1));
            topLeft.push_back(m_notice.substr(colon + 2));
        } else if (!m_notice.empty()) {
            topLeft.push_back(m_notice);
        }
        if (m_scene.resampled())
            topLeft.push_back(QString("Resampled %1 mm (uneven)").arg(m_scene.volume()->geometry().sliceSpacing, 0, 'f', 2).toStdString());
        m_overlay->setCornerLines(SliceOverlay::TopLeft, std::move(topLeft));
        m_overlay->setCornerLines(SliceOverlay::BottomRight,
                                  {QString("W %1 L %2").arg(m_scene.windowWidth(), 0, 'f', 0).arg(m_scene.windowCenter(), 0, 'f', 0).toStdString()});
        m_overlay->setSideLabels(m_scene.sideLabels(m_plane));
        m_overlay->layout(std::max(1, int(width() * devicePixelRatioF())), std::max(1, int(height() * devicePixelRatioF())),
                          m_scene.volume()->hasPixelSpacing ? m_scene.millimetresPerPixel(m_plane) : 0);
    }
    update();
}

void MprViewport::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    m_last = event->position();
    const qreal ratio = devicePixelRatioF();
    if (event->button() == Qt::LeftButton && !(event->modifiers() & Qt::ControlModifier) && !m_sphereTool && m_scene.volume() &&
        deliver(m_editing->press(event->position().x() * ratio, event->position().y() * ratio))) {
        m_drag = Drag::Annotation;
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton)
        m_drag = event->modifiers() & Qt::ControlModifier ? Drag::Rotate : m_sphereTool ? Drag::Sphere : Drag::Crosshair;
    else if (event->button() == Qt::RightButton)
        m_drag = Drag::Window;
    else if (event->button() == Qt::MiddleButton)
        m_drag = Drag::Pan;
    if (m_drag == Drag::Crosshair && m_scene.volume()) {
        const qreal r = devicePixelRatioF();
        m_scene.setCrosshair(m_scene.patientPosition(m_plane, event->position().x() * r, event->position().y() * r));
        emit changed();
    }
    if (m_drag == Drag::Sphere && m_scene.volume()) {
        const qreal r = devicePixelRatioF();
        m_sphereCentre = m_sphereSurface = m_scene.patientPosition(m_plane, event->position().x() * r, event->position().y() * r);
        emit sphereMoved(m_sphereCentre, m_sphereSurface);
    }
    event->accept();
}

void MprViewport::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_scene.volume())
        return;
    if (m_drag == Drag::Annotation || (m_drag == Drag::None && m_editing->drawing())) {
        deliver(m_editing->move(event->position().x() * devicePixelRatioF(), event->position().y() * devicePixelRatioF()));
        if (m_drag == Drag::Annotation)
            return;
    }
    if (m_drag == Drag::None) {
        const qreal r = devicePixelRatioF();
        const Vec3 p = m_scene.patientPosition(m_plane, event->position().x() * r, event->position().y() * r);
        const auto value = m_scene.valueAt(p);
        QString valueText = value ? probeValueText(*m_scene.volume(), *value) : QString();
        if (const QString extra = m_probeExtra ? m_probeExtra(p) : QString(); value && !extra.isEmpty())
            valueText += ", " + extra;
        emit probed(value ? QString("%1 at (%2, %3, %4) mm")
                                .arg(valueText)
                                .arg(p.x, 0, 'f', 1)
                                .arg(p.y, 0, 'f', 1)
                                .arg(p.z, 0, 'f', 1)
                          : QString());
        return;
    }
    const QPointF d = event->position() - m_last;
    m_last = event->position();
    const qreal r = devicePixelRatioF();
    switch (m_drag) {
    case Drag::Sphere:
        m_sphereSurface = m_scene.patientPosition(m_plane, event->position().x() * r, event->position().y() * r);
        emit sphereMoved(m_sphereCentre, m_sphereSurface);
        return;
    case Drag::Crosshair: m_scene.setCrosshair(m_scene.patientPosition(m_plane, event->position().x() * r, event->position().y() * r)); break;
    case Drag::Window: {
        const double unit = std::max(1.0, m_scene.windowWidth()) / 256.0;
        m_scene.setWindow(m_scene.windowCenter() - d.y() * unit, std::max(1.0, m_scene.windowWidth() + d.x() * unit));
        break;
    }
    case Drag::Rotate: m_scene.rotate(m_plane, d.x() * 0.5); break;
    case Drag::Pan: m_scene.panByPixels(m_plane, d.x() * r, d.y() * r); break;
    case Drag::Annotation:
    case Drag::None: break;
    }
    emit changed();
    event->accept();
}

void MprViewport::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Annotation) {
        m_drag = Drag::None;
        deliver(m_editing->release(event->position().x() * devicePixelRatioF(), event->position().y() * devicePixelRatioF()));
        event->accept();
        return;
    }
    if (std::exchange(m_drag, Drag::None) == Drag::Sphere && m_scene.volume()) {
        const qreal r = devicePixelRatioF();
        m_sphereSurface = m_scene.patientPosition(m_plane, event->position().x() * r, event->position().y() * r);
        emit sphereDrawn(m_sphereCentre, m_sphereSurface);
    }
    event->accept();
}

void MprViewport::mouseDoubleClickEvent(QMouseEvent* event)
{
    const qreal ratio = devicePixelRatioF();
    if (event->button() == Qt::LeftButton && m_editing->drawing())  // closes a polygon
        deliver(m_editing->press(event->position().x() * ratio, event->position().y() * ratio, true));
    event->accept();
}

void MprViewport::wheelEvent(QWheelEvent* event)
{
    m_wheel += event->angleDelta().y();
    const int steps = m_wheel / 120;
    m_wheel -= steps * 120;
    if (steps && m_scene.volume() && (event->modifiers() & Qt::ControlModifier)) {
        m_scene.setZoom(m_plane, m_scene.zoom(m_plane) * std::pow(1.2, steps));
        emit changed();
    } else if (steps && m_scene.volume()) {
        const StackGeometry& g = m_scene.volume()->geometry();
        const double step = std::min({g.columnSpacing, g.rowSpacing, g.sliceSpacing > 0 ? g.sliceSpacing : 1.0});
        m_scene.scroll(m_plane, -steps * step);
        emit changed();
    }
    event->accept();
}

void MprViewport::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && deliver(m_editing->finish())) {
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && m_editing->cancel()) {
        renderNow();
        event->accept();
        return;
    }
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && !m_editing->selected().empty()) {
        emit annotationDeleteRequested(QString::fromStdString(m_editing->selected()));
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_F) {
        m_scene.resetView(m_plane);
        emit changed();
        event->accept();
        return;
    }
    VtkRenderView::keyPressEvent(event);
}

void MprViewport::resizeEvent(QResizeEvent* event)
{
    VtkRenderView::resizeEvent(event);
    m_scene.viewResized(m_plane);
    emit changed();  // what is drawn on the plane is drawn at the new size
}

} // namespace hf
