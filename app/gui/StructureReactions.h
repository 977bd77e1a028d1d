#pragma once
// View > Structures: the RT structure sets of the study the views show (StudyObjectDock), drawn
// over every view of that study whose images share their Frame of Reference, each ROI listed
// with its colour and a check box. A set of another Frame of Reference is listed as not drawn.
// GUI thread.
#include "StudyObjectDock.h"

namespace hf::gui {

class StructureReactions : public StudyObjectDock {
public:
    StructureReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status);

private:
    void request(const QString& studyUid) override;
    void forget() override { m_sets.clear(); }
    bool holdsAny() const override { return !m_sets.empty(); }
    void give(SliceViewport& view, bool ofStudy) override;
    void list() override;
    void setEntryVisible(SliceViewport& view, const std::string& setUid, int roi, bool visible) override;

    CacheTasks::StructureSets m_sets;
};

} // namespace hf::gui
