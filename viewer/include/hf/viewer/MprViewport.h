#pragma once
// One plane of an MprScene in a widget. Left click or drag moves the crosshair (the other
// planes follow); the wheel scrolls this plane; right drag windows; Ctrl+left drag turns the
// other planes about this one (oblique); Ctrl+wheel zooms, middle drag pans, F resets zoom and
// pan; moving the mouse probes. Orientation letters and a corner line say where it is. With the
// sphere tool on, a left drag draws a volume of interest instead: from its centre to its surface.
// With another measuring tool, the left button draws it on this plane (AnnotationEditing, as in
// a 2D view); without one, a press on a measurement shown here selects, moves or reshapes it
// (elsewhere it moves the crosshair); Delete removes the selected one. GUI thread only.
#include "hf/annotations/AnnotationPlane.h"
#include "hf/rendering/MprScene.h"
#include "hf/viewer/AnnotationEditing.h"
#include "hf/viewer/VtkRenderView.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace hf {

class MprAnnotationCanvas;
class SliceOverlay;

class MprViewport : public VtkRenderView {
    Q_OBJECT
public:
    MprViewport(MprScene& scene, MprPlane plane, QWidget* parent = nullptr);
    ~MprViewport() override;

    MprPlane plane() const { return m_plane; }
    SliceOverlay& overlay() const;
    // Re-reads the scene (crosshair, window, slab) into the overlay and repaints.
    void refresh();
    void setSphereTool(bool on) { m_sphereTool = on; }
    // Lines to show instead of the plane's name and position (a curved reformat's cross-section).
    void setTitle(std::vector<std::string> lines) { m_title = std::move(lines); }
    // A line over the others in the top left corner (slices of an arriving series still to come).
    void setNotice(std::string line) { m_notice = std::move(line); }
    // A measuring tool (not the sphere: setSphereTool), or none.
    void setTool(std::optional<AnnotationKind> tool);
    void setAnnotations(std::vector<ViewAnnotation> annotations);
    AnnotationEditing& editing() const { return *m_editing; }
    const MprAnnotationCanvas& canvas() const { return *m_canvas; }
    // What the probe adds at a point (a fused series' value); empty: nothing.
    void setProbeExtra(std::function<QString(const Vec3&)> extra) { m_probeExtra = std::move(extra); }

signals:
    void changed();  // crosshair, window or orientation moved: every plane repaints
    void probed(const QString& text);
    // The sphere being drawn (centre, a point on its surface), each move; then the finished one.
    void sphereMoved(const hf::Vec3& centre, const hf::Vec3& surface);
    void sphereDrawn(const hf::Vec3& centre, const hf::Vec3& surface);
    // A measurement drawn on this plane (with the plane), one moved or reshaped, one to delete.
    void annotationDrawn(hf::AnnotationKind kind, const std::vector<hf::Vec3>& points, const hf::AnnotationPlane& plane);
    void annotationEdited(const QString& id, const std::vector<hf::Vec3>& points);
    void annotationDeleteRequested(const QString& id);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    enum class Drag { None, Crosshair, Window, Rotate, Pan, Sphere, Annotation };
    bool deliver(const AnnotationEditing::Outcome& outcome);
    MprScene& m_scene;
    MprPlane m_plane;
    std::unique_ptr<SliceOverlay> m_overlay;
    std::unique_ptr<MprAnnotationCanvas> m_canvas;
    std::unique_ptr<AnnotationEditing> m_editing;
    Drag m_drag = Drag::None;
    QPointF m_last;
    int m_wheel = 0;
    bool m_sphereTool = false;
    std::vector<std::string> m_title;
    std::string m_notice;
    std::function<QString(const Vec3&)> m_probeExtra;
    Vec3 m_sphereCentre, m_sphereSurface;
};

} // namespace hf
