#pragma once
// A curved reformat (straightened or stretched) in a widget. Left click or drag picks the
// station (the row whose cross-section is shown), the wheel steps it a millimetre a notch,
// Ctrl+wheel turns the reformat about the path (10 degrees a notch), right drag windows. With the
// span tool on (the Length tool), a left drag picks a stretch of rows instead (spanPicked): a
// length along the path. GUI thread only.
#include "hf/rendering/ReformatScene.h"
#include "hf/viewer/VtkRenderView.h"

#include <memory>

namespace hf {

class SliceOverlay;

class ReformatView : public VtkRenderView {
    Q_OBJECT
public:
    explicit ReformatView(QWidget* parent = nullptr);
    ~ReformatView() override;
    ReformatScene& scene() const { return *m_scene; }
    SliceOverlay& overlay() const { return *m_overlay; }
    // Fits the overlay to the view and repaints.
    void refresh();
    void setSpanTool(bool on) { m_spanTool = on; }

signals:
    void rowPicked(double row);
    void spanPicked(double fromRow, double toRow);
    void stepped(int notches);
    void turned(double degrees);
    void windowed(double centerDelta, double widthDelta);  // per pixel of drag, in window units / 256

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    std::unique_ptr<ReformatScene> m_scene;
    std::unique_ptr<SliceOverlay> m_overlay;
    enum class Drag { None, Station, Window, Span } m_drag = Drag::None;
    bool m_spanTool = false;
    double m_spanStart = 0;
    QPointF m_last;
    int m_wheel = 0;
};

} // namespace hf
