#include "ViewTransformReactions.h"

#include "hf/rendering/SliceScene.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QMenu>

#include <functional>

namespace hf::gui {

ViewTransformReactions::ViewTransformReactions(ViewportGrid& grid, QObject* parent)
    : QObject(parent)
    , m_grid(grid)
{
}

void ViewTransformReactions::addTo(QMenu& view)
{
    // Each acts on the active view, then refreshes its corner text (zoom, orientation).
    auto add = [this, &view](const QString& text, std::function<void(SliceViewport&)> action) {
        view.addAction(text, this, [this, action] {
            SliceViewport* active = m_grid.activeView();
            action(*active);
            active->refresh();
        });
    };
    add(tr("Rotate clockwise\tR"), [](SliceViewport& v) { v.scene().rotateClockwise(); });
    add(tr("Rotate counter-clockwise\tShift+R"), [](SliceViewport& v) { v.scene().rotateCounterClockwise(); });
    add(tr("Flip horizontally\tH"), [](SliceViewport& v) { v.scene().flipHorizontal(); });
    add(tr("Flip vertically\tV"), [](SliceViewport& v) { v.scene().flipVertical(); });
    add(tr("Fit to view\tF"), [](SliceViewport& v) { v.scene().fit(); });
    add(tr("Actual pixels (1:1)\t="), [](SliceViewport& v) { v.scene().zoomToActualPixels(); });
    add(tr("Reset view\tEsc"), [](SliceViewport& v) { v.scene().resetView(); });
    add(tr("Show/hide corner text\tT"), [](SliceViewport& v) { v.setCornerTextVisible(!v.scene().overlay().cornerTextVisible()); });
    view.addAction(tr("Play/stop cine\tC"), this, [this] { m_grid.activeView()->setCinePlaying(!m_grid.activeView()->cinePlaying()); });
}

} // namespace hf::gui
