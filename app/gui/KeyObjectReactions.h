#pragma once
// View > Key images: other producers' key object selections (KOS) of the study the views show
// (StudyObjectDock): each document with its title ("Of Interest", "For Teaching"...), producer
// and date, and the images it flags, a check box each; a flagged image shown in a view says so
// in its corner text ("Key image: Of Interest"). GUI thread.
#include "StudyObjectDock.h"

#include <set>
#include <utility>

namespace hf::gui {

class KeyObjectReactions : public StudyObjectDock {
public:
    KeyObjectReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status);

private:
    void request(const QString& studyUid) override;
    void forget() override { m_selections.clear(); }
    bool holdsAny() const override { return !m_selections.empty(); }
    void give(SliceViewport& view, bool ofStudy) override;
    void list() override;
    void setEntryVisible(SliceViewport& view, const std::string& selectionUid, int image, bool visible) override;

    CacheTasks::Reports m_selections;
    std::set<std::pair<std::string, int>> m_unmarked;  // (document, image index) the reader unchecked
};

} // namespace hf::gui
