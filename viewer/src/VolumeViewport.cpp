#include "hf/viewer/VolumeViewport.h"
#include "hf/viewer/StandInLayer.h"

#include <vtkCamera.h>

#include <array>
#include <utility>

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SegmentSurfaces.h"
#include "hf/rendering/VolumeScene.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPointer>
#include <QThreadPool>

#include <vtkAnnotatedCubeActor.h>
#include <vtkBoxRepresentation.h>
#include <vtkBoxWidget2.h>
#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkPlanes.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkOrientationMarkerWidget.h>
#include <vtkProperty.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

namespace hf {

VolumeViewport::VolumeViewport(QWidget* parent)
    : VtkRenderView(parent)
    , m_scene(std::make_unique<VolumeScene>())
    , m_surfaces(std::make_unique<std::vector<SurfaceMesh>>())
{
    addRenderer(m_scene->renderer());
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    interactor()->SetInteractorStyle(style);
    // Moving: the mapper lowers its sampling to keep ~15 frames/s; still: full quality.
    interactor()->SetDesiredUpdateRate(15);
    interactor()->SetStillUpdateRate(0.0001);
}

void VolumeViewport::setSegmentations(std::vector<std::shared_ptr<const Segmentation>> segmentations,
                                      std::set<std::pair<std::string, int>> hidden)
{
    if (segmentations == m_surfaceSources && hidden == m_surfaceHidden)
        return;  // the same again (every view's first image gives the objects anew)
    m_surfaceSources = std::move(segmentations);
    m_surfaceHidden = std::move(hidden);
    ++m_surfaceRequest;  // answers to earlier requests are dropped
    m_surfacesStale = true;
    if (isVisible())
        makeSurfaces();
}

void VolumeViewport::showEvent(QShowEvent* event)
{
    VtkRenderView::showEvent(event);
    if (m_surfacesStale)
        makeSurfaces();  // asked for while hidden: made now that they are seen
}

void VolumeViewport::makeSurfaces()
{
    m_surfacesStale = false;
    const int request = m_surfaceRequest;
    ++m_surfacesPending;
    const std::string frame = m_volume ? m_volume->frameOfReferenceUid : std::string();
    QPointer<VolumeViewport> self(this);
    // Surface extraction takes seconds for a big SEG: off the GUI thread.
    QThreadPool::globalInstance()->start([self, request, frame, segmentations = m_surfaceSources, hidden = m_surfaceHidden] {
        auto meshes = std::make_shared<std::vector<SurfaceMesh>>();
        QStringList warnings;
        for (const auto& seg : segmentations) {
            if (frame.empty() || seg->frameOfReferenceUid != frame)
                continue;
            std::set<int> hiddenHere;
            for (const auto& [uid, number] : hidden)
                if (uid == seg->sopInstanceUid)
                    hiddenHere.insert(number);
            std::string warning;
            for (SurfaceMesh& mesh : segmentSurfaces(*seg, hiddenHere, &warning))
                meshes->push_back(std::move(mesh));
            if (!warning.empty())
                warnings << QString::fromStdString(warning);
        }
        QMetaObject::invokeMethod(qApp, [self, request, meshes, warnings] {
            if (!self)
                return;
            --self->m_surfacesPending;
            if (request != self->m_surfaceRequest)
                return;
            self->m_scene->setSurfaces(*meshes);
            *self->m_surfaces = std::move(*meshes);
            self->renderNow();
            for (const QString& w : warnings)
                emit self->problem(w);
        });
    });
}

void VolumeViewport::renderWindowReady()
{
    // Orientation cube in the lower left corner, turning with the camera.
    vtkNew<vtkAnnotatedCubeActor> cube;
    cube->SetXPlusFaceText("L");
    cube->SetXMinusFaceText("R");
    cube->SetYPlusFaceText("P");
    cube->SetYMinusFaceText("A");
    cube->SetZPlusFaceText("H");
    cube->SetZMinusFaceText("F");
    cube->GetCubeProperty()->SetColor(0.25, 0.25, 0.3);
    cube->GetTextEdgesProperty()->SetColor(0.9, 0.9, 0.6);
    cube->SetFaceTextScale(0.6);
    m_cube = vtkSmartPointer<vtkOrientationMarkerWidget>::New();
    m_cube->SetOrientationMarker(cube);
    m_cube->SetInteractor(interactor());
    m_cube->SetViewport(0.0, 0.0, 0.18, 0.18);
    m_cube->SetEnabled(1);
    m_cube->InteractiveOff();
}

void VolumeViewport::setRulerTool(bool on)
{
    m_rulerTool = on;
    m_rulerStart.reset();
}

void VolumeViewport::pickRulerPoint(double x, double y)
{
    const auto point = m_scene->surfacePoint(x, y);
    if (!point)
        return;  // nothing solid under the mouse
    if (!m_rulerStart) {
        m_rulerStart = point;
        m_scene->setRuler(std::array<Vec3, 2>{*point, *point});
    } else {
        const Vec3 from = *std::exchange(m_rulerStart, std::nullopt);
        m_scene->setRuler(std::array<Vec3, 2>{from, *point});
        double focal[3], position[3];
        m_scene->renderer()->GetActiveCamera()->GetFocalPoint(focal);
        m_scene->renderer()->GetActiveCamera()->GetPosition(position);
        emit rulerMeasured(from, *point, (Vec3{focal[0], focal[1], focal[2]} - Vec3{position[0], position[1], position[2]}).normalized());
    }
    renderNow();
}

void VolumeViewport::mousePressEvent(QMouseEvent* event)
{
    if (m_rulerTool && event->button() == Qt::LeftButton && !(event->modifiers() & Qt::ControlModifier)) {
        const qreal ratio = devicePixelRatioF();
        pickRulerPoint(event->position().x() * ratio, event->position().y() * ratio);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier)) {
        m_shifting = true;
        m_pressed = event->position();
        m_shiftStart = m_scene->transferShift();
        event->accept();
        return;
    }
    VtkRenderView::mousePressEvent(event);
}

void VolumeViewport::mouseMoveEvent(QMouseEvent* event)
{
    if (m_shifting) {
        // 4 HU per pixel, right = denser only.
        m_scene->setTransferShift(m_shiftStart + (event->position().x() - m_pressed.x()) * 4.0);
        update();
        event->accept();
        return;
    }
    VtkRenderView::mouseMoveEvent(event);
}

void VolumeViewport::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_shifting) {
        m_shifting = false;
        event->accept();
        return;
    }
    VtkRenderView::mouseReleaseEvent(event);
}

void VolumeViewport::setClippingBoxShown(bool shown)
{
    if (shown && !m_box) {
        m_box = vtkSmartPointer<vtkBoxWidget2>::New();
        vtkNew<vtkBoxRepresentation> representation;
        representation->SetPlaceFactor(1.0);
        representation->InsideOutOn();  // face normals point into the box: the side the mapper keeps
        m_box->SetRepresentation(representation);
        m_box->SetInteractor(interactor());
        m_box->RotationEnabledOff();
        vtkNew<vtkCallbackCommand> moved;
        moved->SetClientData(this);
        moved->SetCallback([](vtkObject*, unsigned long, void* self, void*) { static_cast<VolumeViewport*>(self)->applyClippingBox(); });
        m_box->AddObserver(vtkCommand::InteractionEvent, moved);
        auto bounds = m_scene->bounds();
        representation->PlaceWidget(bounds.data());
    }
    if (m_box) {
        m_box->SetEnabled(shown ? 1 : 0);
        if (shown)
            applyClippingBox();
        else
            m_scene->clearClipping();
    }
    update();
}

bool VolumeViewport::clippingBoxShown() const { return m_box && m_box->GetEnabled(); }

void VolumeViewport::placeClippingBox(const std::array<double, 6>& bounds)
{
    if (!m_box)
        setClippingBoxShown(true);
    auto b = bounds;
    vtkBoxRepresentation::SafeDownCast(m_box->GetRepresentation())->PlaceWidget(b.data());
    m_box->InvokeEvent(vtkCommand::InteractionEvent);
    update();
}

void VolumeViewport::applyClippingBox()
{
    // The box's faces, normals inward: the mapper keeps what lies inside.
    vtkNew<vtkPlanes> planes;
    vtkBoxRepresentation::SafeDownCast(m_box->GetRepresentation())->GetPlanes(planes);
    m_scene->setClippingPlanes(planes);
    update();
}

void VolumeViewport::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_B) {
        setClippingBoxShown(!clippingBoxShown());
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_R) {
        m_scene->resetCamera();
        update();
        event->accept();
        return;
    }
    VtkRenderView::keyPressEvent(event);
}

VolumeViewport::~VolumeViewport() = default;

VolumeScene& VolumeViewport::scene() const { return *m_scene; }

void VolumeViewport::setVolume(std::shared_ptr<const Volume> volume)
{
    if (volume != m_volume) {
        // Another volume: its segments come again (setSegmentations); earlier answers are dropped.
        ++m_surfaceRequest;
        m_surfacesStale = false;
        m_scene->setSurfaces({});
        m_surfaces->clear();
        m_surfaceSources.clear();
        m_surfaceHidden.clear();
    }
    m_volume = volume;
    // An arriving series: the slices still to come render as empty space; the corner says so.
    m_scene->setNotice(volume ? StandInLayer::notice(*volume) : std::string());
    m_scene->setVolume(std::move(volume));
    update();
}

void VolumeViewport::setPreset(const VolumeRenderingPreset& preset)
{
    m_scene->setPreset(preset);
    update();
}

} // namespace hf
