#include "hf/viewer/VolumeViewport.h"

#include "hf/rendering/VolumeScene.h"

#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

namespace hf {

VolumeViewport::VolumeViewport(QWidget* parent)
    : VtkRenderView(parent)
    , m_scene(std::make_unique<VolumeScene>())
{
    addRenderer(m_scene->renderer());
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    interactor()->SetInteractorStyle(style);
}

VolumeViewport::~VolumeViewport() = default;

VolumeScene& VolumeViewport::scene() const { return *m_scene; }

void VolumeViewport::setVolume(std::shared_ptr<const Volume> volume)
{
    m_scene->setVolume(std::move(volume));
    update();
}

void VolumeViewport::setPreset(const VolumeRenderingPreset& preset)
{
    m_scene->setPreset(preset);
    update();
}

} // namespace hf
