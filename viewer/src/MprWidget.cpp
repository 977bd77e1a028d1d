#include "hf/viewer/MprWidget.h"

#include "hf/viewer/MprObjectDisplay.h"
#include "hf/viewer/MprViewport.h"
#include "hf/viewer/StandInLayer.h"
#include "hf/viewer/VolumeViewport.h"
#include "hf/dicomio/Volume.h"

#include <QGridLayout>

#include <cmath>

namespace hf {

MprWidget::MprWidget(QWidget* parent)
    : QWidget(parent)
    , m_scene(std::make_unique<MprScene>())
    , m_objects(std::make_unique<MprObjectDisplay>(*m_scene))
    , m_volume(new VolumeViewport)
    , m_layout(new QGridLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    for (MprPlane p : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        auto* view = new MprViewport(*m_scene, p);
        m_views[size_t(p)] = view;
        connect(view, &MprViewport::changed, this, &MprWidget::refresh);
        connect(view, &MprViewport::probed, this, &MprWidget::probed);
        connect(view, &MprViewport::annotationDrawn, this, &MprWidget::annotationDrawn);
        connect(view, &MprViewport::annotationEdited, this, &MprWidget::annotationEdited);
        connect(view, &MprViewport::annotationDeleteRequested, this, &MprWidget::annotationDeleteRequested);
        view->setProbeExtra([this](const Vec3& lps) {
            const auto text = m_objects->fusedValueAt(lps);
            return text ? QString("fused %1").arg(QString::fromStdString(*text)) : QString();
        });
        connect(view, &MprViewport::sphereMoved, this, [this](const Vec3& centre, const Vec3& surface) {
            m_objects->setPreview(MprObjectDisplay::Sphere{{}, centre, surface, {}});
            renderAll();
        });
        connect(view, &MprViewport::sphereDrawn, this, [this](const Vec3& centre, const Vec3& surface) {
            m_objects->setPreview(std::nullopt);
            renderAll();
            const double radius = (surface - centre).norm();
            if (radius < 1 || !m_scene->volume())
                return;  // a click, not a drag
            // On the volume's rows, so the sphere's surface point lies on its centre's image.
            emit sphereDrawn(centre, centre + m_scene->volume()->geometry().rowDirection * radius);
        });
    }
    setWith3d(false);
}

MprWidget::~MprWidget() = default;

void MprWidget::setWith3d(bool with3d)
{
    m_with3d = with3d;
    for (auto* v : m_views)
        m_layout->removeWidget(v);
    m_layout->removeWidget(m_volume);
    if (with3d) {
        m_layout->addWidget(m_views[0], 0, 0);
        m_layout->addWidget(m_views[1], 0, 1);
        m_layout->addWidget(m_views[2], 1, 0);
        m_layout->addWidget(m_volume, 1, 1);
    } else {
        for (int i = 0; i < 3; ++i)
            m_layout->addWidget(m_views[size_t(i)], 0, i);
    }
    m_volume->setVisible(with3d);
}

void MprWidget::setVolume(std::shared_ptr<const Volume> volume)
{
    m_scene->setVolume(volume);
    m_volume->setVolume(volume);
    m_shown = std::move(volume);
    refresh();
}

void MprWidget::setSphereTool(bool on)
{
    for (auto* v : m_views)
        v->setSphereTool(on);
}

void MprWidget::setTool(std::optional<AnnotationKind> tool)
{
    for (auto* v : m_views)
        v->setTool(tool);
}

void MprWidget::setAnnotations(const std::vector<ViewAnnotation>& annotations)
{
    for (auto* v : m_views)
        v->setAnnotations(annotations);
}

void MprWidget::showPlane(const AnnotationPlane& plane, const Vec3& at, const std::string& id)
{
    if (!m_scene->volume())
        return;
    MprPlane nearest = MprPlane::Axial;
    double best = -1;
    for (MprPlane p : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal})
        if (const double d = std::abs(m_scene->normal(p).dot(plane.normal())); d > best) {
            best = d;
            nearest = p;
        }
    m_scene->showPlane(nearest, plane.row, plane.column, at);
    refresh();
    view(nearest)->editing().select(id);
    renderAll();
}

void MprWidget::refresh()
{
    m_objects->refresh();
    // An arriving series: where each plane falls on slices not received yet (else black, as air).
    const std::string notice = m_shown ? StandInLayer::notice(*m_shown) : std::string();
    for (MprPlane p : {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal}) {
        int& covered = m_standInPixels[size_t(p)];
        covered = 0;
        m_scene->setLabelLayer(p, StandInLayer::kLayer,
                               m_shown && m_scene->volume() ? StandInLayer::over(*m_shown, m_scene->screenPlane(p), covered)
                                                            : std::vector<std::uint8_t>{});
        view(p)->setNotice(notice);
    }
    for (auto* v : m_views)
        v->refresh();
}

void MprWidget::renderAll()
{
    for (auto* v : m_views)
        v->renderNow();
    if (m_with3d)
        m_volume->renderNow();
}

} // namespace hf
