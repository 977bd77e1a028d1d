#pragma once
// A 3D scene: GPU ray-cast rendering of a Volume placed in patient space, seen from the
// patient's front (anterior) with the head up. The volume is uploaded to the GPU once per
// setVolume. Owns a vtkRenderer; lives on the GUI thread.
#include "hf/rendering/VolumeRenderingPreset.h"

#include <memory>

class vtkRenderer;

namespace hf {

class Volume;

class VolumeScene {
public:
    VolumeScene();
    ~VolumeScene();
    VolumeScene(const VolumeScene&) = delete;
    VolumeScene& operator=(const VolumeScene&) = delete;

    vtkRenderer* renderer() const;
    void setVolume(std::shared_ptr<const Volume> volume);
    bool hasVolume() const;
    void setPreset(const VolumeRenderingPreset& preset);
    void resetCamera();

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
