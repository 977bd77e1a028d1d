#pragma once
// The 3D view: GPU ray-cast volume rendering, rotated/zoomed/panned with VTK's trackball camera
// (left rotate, right or wheel zoom, middle pan). GUI thread only.
#include "hf/viewer/VtkRenderView.h"

#include <memory>

namespace hf {

class Volume;
class VolumeScene;
struct VolumeRenderingPreset;

class VolumeViewport : public VtkRenderView {
    Q_OBJECT
public:
    explicit VolumeViewport(QWidget* parent = nullptr);
    ~VolumeViewport() override;

    void setVolume(std::shared_ptr<const Volume> volume);
    void setPreset(const VolumeRenderingPreset& preset);
    VolumeScene& scene() const;

private:
    std::unique_ptr<VolumeScene> m_scene;
};

} // namespace hf
