#pragma once
// View > rotate, flip, fit, 1:1, reset, corner text and cine for the active 2D view. The keys
// themselves are handled by the view under focus; the menu shows them and works by mouse.
#include <QObject>

class QMenu;

namespace hf {
class ViewportGrid;
}

namespace hf::gui {

class ViewTransformReactions : public QObject {
    Q_OBJECT
public:
    ViewTransformReactions(ViewportGrid& grid, QObject* parent);
    void addTo(QMenu& view);

private:
    ViewportGrid& m_grid;
};

} // namespace hf::gui
