#pragma once
// View > Segments: the segmentations (SEG) of the study the views show (StudyObjectDock), drawn
// over every view of that study whose images share their Frame of Reference; each segment
// listed with its colour, its volume in mL and a check box, one opacity slider for all. A SEG of
// another Frame of Reference is listed as not drawn. GUI thread.
#include "StudyObjectDock.h"

class QSlider;

namespace hf::gui {

class SegmentationReactions : public StudyObjectDock {
public:
    SegmentationReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status);

private:
    void request(const QString& studyUid) override;
    void forget() override { m_segmentations.clear(); }
    bool holdsAny() const override { return !m_segmentations.empty(); }
    void give(SliceViewport& view, bool ofStudy) override;
    void list() override;
    void setEntryVisible(SliceViewport& view, const std::string& segUid, int segment, bool visible) override;
    void setOpacity(int percent);

    CacheTasks::Segmentations m_segmentations;
    QSlider* m_opacity = nullptr;
};

} // namespace hf::gui
