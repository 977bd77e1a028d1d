#pragma once
// The 3D view: GPU ray-cast volume rendering, rotated/zoomed/panned with VTK's trackball camera
// (left rotate, right or wheel zoom, middle pan; fewer samples while moving, full quality when
// still). Ctrl+left drag shifts the transfer functions like window/level; R resets the view; B
// shows a clipping box whose faces and handles crop the volume; an orientation cube (L/R, A/P,
// H/F) turns with the volume. With the ruler on (the Length tool), two left clicks pick two
// points of the rendered surface and draw the line between them with its length (rulerMeasured).
// GUI thread only.
#include "hf/dicomio/Vec3.h"
#include "hf/viewer/VtkRenderView.h"

#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

class vtkBoxWidget2;
class vtkOrientationMarkerWidget;

namespace hf {

class Segmentation;
struct SurfaceMesh;
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

    // Segments shown as surfaces with the volume (those of its Frame of Reference, less the
    // hidden ones: (SEG SOP Instance UID, segment number)). The surfaces are made in the
    // background and shown when ready; the last call wins. A hidden view makes them once shown.
    void setSegmentations(std::vector<std::shared_ptr<const Segmentation>> segmentations, std::set<std::pair<std::string, int>> hidden);
    bool makingSurfaces() const { return m_surfacesPending > 0; }
    // The surfaces shown (label and patient-space bounds, for the screenshot's description).
    const std::vector<SurfaceMesh>& surfaces() const { return *m_surfaces; }

    void setRulerTool(bool on);
    bool rulerTool() const { return m_rulerTool; }
    // What a click at a view pixel (x, y; y down, device pixels) does with the ruler on.
    void pickRulerPoint(double x, double y);

signals:
    void problem(const QString& text);
    // The ruler's two surface points, and the direction the view looked along then.
    void rulerMeasured(const hf::Vec3& from, const hf::Vec3& to, const hf::Vec3& viewDirection);  // segments that cannot be shown in 3D, by file and reason

protected:
    void showEvent(QShowEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void renderWindowReady() override;

private:
    std::unique_ptr<VolumeScene> m_scene;
    std::shared_ptr<const Volume> m_volume;
    std::unique_ptr<std::vector<SurfaceMesh>> m_surfaces;
    int m_surfacesPending = 0;
    void makeSurfaces();
    int m_surfaceRequest = 0;  // the latest request's number: older answers are dropped
    bool m_surfacesStale = false;  // asked for while hidden
    std::vector<std::shared_ptr<const Segmentation>> m_surfaceSources;  // what the latest request asked for
    std::set<std::pair<std::string, int>> m_surfaceHidden;
    void applyClippingBox();
    vtkSmartPointer<vtkOrientationMarkerWidget> m_cube;
    vtkSmartPointer<vtkBoxWidget2> m_box;
    bool m_shifting = false;
    bool m_rulerTool = false;
    std::optional<Vec3> m_rulerStart;
    double m_shiftStart = 0;
    QPointF m_pressed;
};

} // namespace hf
