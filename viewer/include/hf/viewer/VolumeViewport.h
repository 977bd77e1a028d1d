#pragma once
// The 3D view: GPU ray-cast volume rendering, rotated/zoomed/panned with VTK's trackball camera
// (left rotate, right or wheel zoom, middle pan; fewer samples while moving, full quality when
// still). Ctrl+left drag shifts the transfer functions like window/level; R resets the view; B
// shows a clipping box whose faces and handles crop the volume; an orientation cube (L/R, A/P,
// H/F) turns with the volume. GUI thread only.
#include "hf/viewer/VtkRenderView.h"

#include <array>
#include <memory>

class vtkBoxWidget2;
class vtkOrientationMarkerWidget;

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
    // The interactive clipping box (B): on or off; placeClippingBox moves it as a drag would.
    void setClippingBoxShown(bool shown);
    bool clippingBoxShown() const;
    void placeClippingBox(const std::array<double, 6>& bounds);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void renderWindowReady() override;

private:
    std::unique_ptr<VolumeScene> m_scene;
    void applyClippingBox();
    vtkSmartPointer<vtkOrientationMarkerWidget> m_cube;
    vtkSmartPointer<vtkBoxWidget2> m_box;
    bool m_shifting = false;
    double m_shiftStart = 0;
    QPointF m_pressed;
};

} // namespace hf
