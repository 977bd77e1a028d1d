#include "PresentationStateReactions.h"

#include "hf/dicomio/ForeignPresentationState.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QTreeWidget>

namespace hf::gui {
namespace {

QTreeWidget* newList()
{
    auto* list = new QTreeWidget;
    list->setObjectName("presentation-state-list");
    return list;
}

} // namespace

PresentationStateReactions::PresentationStateReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading,
                                                       StatusPanel& status, QString applyFirst)
    : StudyObjectDock(window, cache, grid, loading, status, tr("Presentation states"), "presentation-states", newList())
    , m_applyFirst(std::move(applyFirst))
{
    // The check boxes say what the active view shows.
    connect(&grid, &ViewportGrid::activeChanged, this, [this] { refill(); });
}

void PresentationStateReactions::request(const QString& studyUid)
{
    m_cache.presentationStates(m_replyTo, studyUid, [this, studyUid](CacheTasks::PresentationStates states, QStringList errors) {
        if (studyUid == m_studyUid)
            m_states = std::move(states);
        if (!m_applyFirst.isEmpty() && m_grid.activeView())
            for (const auto& state : m_states)
                if (QString::fromStdString(state->sopInstanceUid) == m_applyFirst) {
                    m_grid.activeView()->applyPresentationState(state);
                    m_applyFirst.clear();  // once
                }
        received(studyUid, errors, tr("Presentation state not read: "));
    });
}

void PresentationStateReactions::give(SliceViewport& view, bool ofStudy)
{
    // Nothing is applied unasked; a view showing another study loses what it had.
    if (!ofStudy && view.presentation().applied())
        view.applyPresentationState(nullptr);
}

void PresentationStateReactions::setEntryVisible(SliceViewport& view, const std::string& stateUid, int, bool visible)
{
    if (&view != m_grid.activeView())
        return;  // one view at a time: the active one
    if (!visible) {
        if (view.presentation().applied() && view.presentation().applied()->sopInstanceUid == stateUid)
            view.applyPresentationState(nullptr);
    } else {
        for (const auto& state : m_states)
            if (state->sopInstanceUid == stateUid)
                view.applyPresentationState(state);
    }
    refill();  // the other states' boxes follow
}

void PresentationStateReactions::list()
{
    const SliceViewport* active = m_grid.activeView();
    const ForeignPresentationState* applied = active ? active->presentation().applied() : nullptr;
    for (const auto& state : m_states) {
        QString title = QString::fromStdString(state->label.empty() ? "Presentation state" : state->label);
        if (!state->creator.empty())
            title += tr(" by %1").arg(QString::fromStdString(state->creator));
        if (!state->manufacturer.empty())
            title += tr(" (%1)").arg(QString::fromStdString(state->manufacturer));
        QTreeWidgetItem* row = addObjectRow(title, QString::fromStdString(state->path + (state->description.empty() ? "" : "\n" + state->description)));
        const PresentationLayer* first = state->layers.empty() ? nullptr : &state->layers.front();
        addEntryRow(*row, tr("Applied to the active view (%1 graphics, %2 images)").arg(state->graphics.size()).arg(state->images.size()),
                    first ? first->colour : std::array<std::uint8_t, 3>{255, 255, 0}, state->sopInstanceUid, 0,
                    applied && applied->sopInstanceUid == state->sopInstanceUid);
    }
}

} // namespace hf::gui
