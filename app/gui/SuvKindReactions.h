#pragma once
// View > PET/CT > SUV: body weight (the default), lean body mass or body surface area. The PET
// views (and PET series fused over others) speak the chosen kind at once: probe, corner, window
// and measurements; the voxels are not copied (Volume::withSuvKind). GUI thread.
#include <QObject>

class QMenu;

namespace hf {
class ViewportGrid;
}

namespace hf::gui {

class AnnotationController;
class StatusPanel;

class SuvKindReactions : public QObject {
    Q_OBJECT
public:
    SuvKindReactions(ViewportGrid& grid, AnnotationController& annotations, StatusPanel& status, QObject* parent);

    void addViewActions(QMenu& view);
    // 0: SUVbw, 1: SUVlbm, 2: SUVbsa (SuvKind's order).
    void setKind(int kind);

private:
    ViewportGrid& m_grid;
    AnnotationController& m_annotations;
    StatusPanel& m_status;
    int m_kind = 0;
};

} // namespace hf::gui
