#pragma once
// View > Reports: other producers' structured reports of the study the views show
// (StudyObjectDock). Each report is listed with its producer and date, its measurement groups
// (finding and values) with a check box each, and its whole content as a readable tree (any
// template: TID 1500, dose reports, CAD...). Groups with regions are drawn read-only over every
// view of the study that shows their image or Frame of Reference; "Copy to my annotations" (the
// list's context menu) makes an editable copy of the selected group. GUI thread.
#include "StudyObjectDock.h"

namespace hf::gui {

class AnnotationController;

class ReportReactions : public StudyObjectDock {
public:
    ReportReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status,
                    AnnotationController& annotations);

    // The selected measurement group, as editable annotations of the active view's series
    // (where that view shows its image or plane); says how many were made.
    void copySelectedToAnnotations();
    // The same for a named group (0-based) of a report (the annotation list's foreign rows).
    void copyToAnnotations(const QString& reportSopInstanceUid, int group);

private:
    void request(const QString& studyUid) override;
    void forget() override { m_reports.clear(); }
    bool holdsAny() const override { return !m_reports.empty(); }
    void give(SliceViewport& view, bool ofStudy) override;
    void list() override;
    void setEntryVisible(SliceViewport& view, const std::string& reportUid, int group, bool visible) override;

    CacheTasks::Reports m_reports;
    AnnotationController& m_annotations;
};

} // namespace hf::gui
