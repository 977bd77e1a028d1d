#pragma once
// Manual alignment, the fallback for a failed registration and its correction: with View > Align
// manually on, the reader clicks a landmark in one view and the same landmark in a view of
// another study of the patient; the older study's frame is then tied to the newer's so that the
// two points coincide (a registration's rotation is kept, else none), the corners say "aligned
// manually" and the cache keeps it. Alt+Shift+arrows (and Page Up/Down) then nudge the active
// view's study by 1 mm against the other. GUI thread.
#include "hf/dicomio/Vec3.h"

#include <QObject>

#include <optional>
#include <utility>

class QAction;
class QMenu;

namespace hf {
class ViewportGrid;
}

namespace hf::gui {

class RegistrationReactions;
class StatusPanel;

class ManualAlignmentReactions : public QObject {
    Q_OBJECT
public:
    ManualAlignmentReactions(ViewportGrid& grid, RegistrationReactions& registration, StatusPanel& status, QObject* parent);

    void addViewActions(QMenu& view);
    // A landmark clicked in a view: a patient point of that view's frame.
    void landmark(int view, const Vec3& point);
    // Moves the active view's anatomy by `mm` (patient axes) against the view it is linked to.
    void nudge(const Vec3& mm);

private:
    ViewportGrid& m_grid;
    RegistrationReactions& m_registration;
    StatusPanel& m_status;
    QAction* m_align = nullptr;
    std::optional<std::pair<int, Vec3>> m_first;
};

} // namespace hf::gui
