#pragma once
// One plane of an MprScene in a widget. Left click or drag moves the crosshair (the other
// planes follow); the wheel scrolls this plane; right drag windows; Ctrl+left drag turns the
// other planes about this one (oblique); Ctrl+wheel zooms, middle drag pans, F resets zoom and
// pan; moving the mouse probes. Orientation letters and a corner line say where it is.
// GUI thread only.
#include "hf/rendering/MprScene.h"
#include "hf/viewer/VtkRenderView.h"

#include <memory>

namespace hf {

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

signals:
    void changed();  // crosshair, window or orientation moved: every plane repaints
    void probed(const QString& text);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    enum class Drag { None, Crosshair, Window, Rotate, Pan };
    MprScene& m_scene;
    MprPlane m_plane;
    std::unique_ptr<SliceOverlay> m_overlay;
    Drag m_drag = Drag::None;
    QPointF m_last;
    int m_wheel = 0;
};

} // namespace hf
