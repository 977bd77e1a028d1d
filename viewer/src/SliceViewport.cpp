#include "hf/viewer/SliceViewport.h"

#include "hf/viewer/SliceAnnotationCanvas.h"

#include "hf/viewer/ValueText.h"

#include "hf/dicomio/AutoWindow.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/CornerText.h"

#include <QTimer>

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

} // namespace hf
