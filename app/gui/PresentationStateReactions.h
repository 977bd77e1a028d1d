#pragma once
// View > Presentation states: other producers' GSPS of the study the views show
// (StudyObjectDock), each with its label, creator and the images it names. Checking one applies
// it to the active view (its graphics and text drawn read-only in its layers' colours, its window,
// rotation and flip set, its label in the corner text); one per view, unchecking takes it off.
// GUI thread.
#include "StudyObjectDock.h"

namespace hf::gui {

class PresentationStateReactions : public StudyObjectDock {
public:
    // applyFirst: a state to apply to the active view when it is read (--presentation-state).
    PresentationStateReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status,
                               QString applyFirst);

private:
    void request(const QString& studyUid) override;
    void forget() override { m_states.clear(); }
    bool holdsAny() const override { return !m_states.empty(); }
    void give(SliceViewport& view, bool ofStudy) override;
    void list() override;
    void setEntryVisible(SliceViewport& view, const std::string& stateUid, int entry, bool visible) override;

    CacheTasks::PresentationStates m_states;
    QString m_applyFirst;
};

} // namespace hf::gui
