#include "SeriesStripReactions.h"

#include "SeriesLoading.h"
#include "StatusPanel.h"

#include "hf/viewer/SeriesStrip.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>

namespace hf::gui {

SeriesStripReactions::SeriesStripReactions(QMainWindow& window, CacheTasks& cache, ViewportGrid& grid, SeriesLoading& loading,
                                           StatusPanel& status)
    : QObject(&window)
    , m_cache(cache)
    , m_grid(grid)
    , m_loading(loading)
    , m_strip(new SeriesStrip)
    , m_dock(new QDockWidget(tr("Series")))
{
    m_replyTo.receiver = this;
    m_replyTo.failed = [&status](const QString& reason) { status.say(reason); };
    m_dock->setWidget(m_strip);
    m_dock->setObjectName("series");
    window.addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->setVisible(false);  // shown once a study of more than one series or stack is open
    connect(m_strip, &SeriesStrip::studyRequested, this, [this](const QString& studyUid) {
        // The study's first series, from the cache, in the active view.
        m_cache.locateSeries(m_replyTo, studyUid, QString(), [this](const QString& seriesUid, const QStringList& files) {
            if (!files.isEmpty())
                m_loading.openSeries(seriesUid);
        });
    });
    connect(m_strip, &SeriesStrip::openRequested, this,
            [this](const QString& seriesUid, int stack) { m_loading.openSeries(seriesUid, -1, stack); });
    connect(m_strip, &SeriesStrip::objectsRequested, this, [&status](const StripEntry& e) {
        // Kept in the cache and sent on with the study; not drawn on the images yet.
        status.say(tr("Series %1 holds %2 %3 object(s) (%4): kept with the study, not displayed in this version")
                       .arg(e.seriesNumber)
                       .arg(e.objects)
                       .arg(e.objectKind, e.objectClass));
    });
    connect(&m_loading, &SeriesLoading::firstSliceShown, this, [this](int view) {
        followStudy(m_grid.view(view)->studyUid());
        markViews();
    });
    connect(&m_grid, &ViewportGrid::activeChanged, this, [this] { followStudy(m_grid.activeView()->studyUid()); });
}

void SeriesStripReactions::addViewActions(QMenu& view)
{
    view.addAction(m_dock->toggleViewAction());
}

void SeriesStripReactions::followStudy(const QString& studyUid)
{
    if (studyUid.isEmpty() || studyUid == m_strip->studyUid() || studyUid == m_asked)
        return;
    m_asked = studyUid;
    m_cache.studyStacks(m_replyTo, studyUid, [this, studyUid](std::vector<StripEntry> entries) {
        if (studyUid != m_asked)
            return;
        m_several = entries.size() > 1;  // one entry would say nothing the view does not
        m_strip->setEntries(studyUid, std::move(entries));
        showWhenUseful();
        markViews();
    });
    m_cache.patientStudies(m_replyTo, studyUid, [this, studyUid](std::vector<TimelineEntry> studies) {
        if (studyUid != m_asked)
            return;
        m_priors = studies.size() > 1;
        m_strip->setTimeline(std::move(studies), studyUid);
        showWhenUseful();
    });
}

void SeriesStripReactions::showWhenUseful()
{
    if (m_several || m_priors)
        m_dock->setVisible(true);
}

void SeriesStripReactions::markViews()
{
    std::vector<std::pair<QString, int>> shown;
    for (int i = 0; i < m_grid.viewCount(); ++i) {
        const SliceViewport* view = m_grid.view(i);
        shown.push_back({view->volume() ? view->seriesUid() : QString(), view->stackPosition().index});
    }
    m_strip->markShown(shown);
}

} // namespace hf::gui
