#include "SeriesStripReactions.h"

#include "PriorsFinder.h"
#include "SeriesLoading.h"
#include "StatusPanel.h"
#include "TransferQueue.h"
#include "Workstation.h"

#include "hf/viewer/SeriesStrip.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>

#include <algorithm>

namespace hf::gui {
namespace {

constexpr char kPrefetchSetting[] = "priors/prefetch";

} // namespace

SeriesStripReactions::SeriesStripReactions(QMainWindow& window, Workstation& station, ViewportGrid& grid, SeriesLoading& loading,
                                           StatusPanel& status)
    : QObject(&window)
    , m_station(station)
    , m_status(status)
    , m_grid(grid)
    , m_loading(loading)
    , m_strip(new SeriesStrip)
    , m_dock(new QDockWidget(tr("Series")))
    , m_priors(new PriorsFinder(station.dbPath(), this))
    , m_arrivals(new PriorsFinder(station.dbPath(), this))
{
    m_replyTo.receiver = this;
    m_replyTo.failed = [&status](const QString& reason) { status.say(reason); };
    m_dock->setWidget(m_strip);
    m_dock->setObjectName("series");
    window.addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->setVisible(false);  // shown once a study of more than one series or stack is open
    connect(m_strip, &SeriesStrip::studyRequested, this, [this](const QString& studyUid) {
        // The study's first series, from the cache, in the active view.
        whenCached(studyUid, [this, studyUid] {
            m_station.cache().locateSeries(m_replyTo, studyUid, QString(), [this](const QString& seriesUid, const QStringList& files) {
                if (!files.isEmpty())
                    m_loading.openSeries(seriesUid);
            });
        });
    });
    connect(m_strip, &SeriesStrip::compareRequested, this, [this](const QString& priorUid) {
        const QString current = m_strip->studyUid();
        whenCached(priorUid, [this, current, priorUid] { emit compareRequested(current, priorUid); });
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
    connect(&m_station, &Workstation::nodeSettingsChanged, this, [this] { refreshTimeline(); });
    connect(&m_station.transfers(), &TransferQueue::retrieved, this, [this](const QString& studyUid, bool ok, const QString&) {
        if (ok)
            prefetchPriorOf(studyUid);
    });
}

void SeriesStripReactions::addViewActions(QMenu& view)
{
    view.addAction(m_dock->toggleViewAction());
    m_prefetch = view.addAction(tr("Pre-fetch the default prior from PACS"));
    m_prefetch->setObjectName("prefetch-prior");
    m_prefetch->setCheckable(true);
    m_prefetch->setChecked(QSettings().value(kPrefetchSetting, true).toBool());
    connect(m_prefetch, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kPrefetchSetting, on);
        if (on)
            refreshTimeline();
    });
}

void SeriesStripReactions::followStudy(const QString& studyUid)
{
    if (studyUid.isEmpty() || studyUid == m_strip->studyUid() || studyUid == m_asked)
        return;
    m_asked = studyUid;
    m_station.cache().studyStacks(m_replyTo, studyUid, [this, studyUid](std::vector<StripEntry> entries) {
        if (studyUid != m_asked)
            return;
        m_several = entries.size() > 1;  // one entry would say nothing the view does not
        m_strip->setEntries(studyUid, std::move(entries));
        showWhenUseful();
        markViews();
    });
    refreshTimeline();
}

void SeriesStripReactions::refreshTimeline()
{
    const QString studyUid = m_asked;
    if (studyUid.isEmpty())
        return;
    m_station.cache().patientStudies(m_replyTo, studyUid, [this, studyUid](std::vector<TimelineEntry> studies) {
        if (studyUid != m_asked)
            return;
        // Until the priors are ranked again, each study keeps what the timeline said of it.
        for (TimelineEntry& t : studies)
            for (int i = 0; i < m_strip->timelineCount(); ++i)
                if (const TimelineEntry& before = m_strip->timelineEntry(i); before.studyUid == t.studyUid) {
                    t.defaultPrior = before.defaultPrior;
                    t.why = before.why;
                }
        m_others = studies.size() > 1;
        m_strip->setTimeline(studies, studyUid);
        showWhenUseful();
        // Then the priors, the nodes' too: ranked, the default marked, those only on a node added.
        m_priors->find(studyUid, m_station.nodes().nodes,
                       [this, studyUid, studies](std::vector<FoundPrior> priors, const QString& problems) mutable {
                           if (studyUid != m_asked)
                               return;
                           for (size_t n = 0; n < priors.size(); ++n) {
                               const protocols::PriorStudy& p = priors[n].prior;
                               const QString uid = QString::fromStdString(p.study.uid);
                               auto cached = std::find_if(studies.begin(), studies.end(), [&](const TimelineEntry& t) { return t.studyUid == uid; });
                               if (cached == studies.end()) {
                                   if (p.inCache)
                                       continue;  // another patient's by name: not on this timeline
                                   TimelineEntry onNode;
                                   onNode.studyUid = uid;
                                   onNode.date = QString::fromStdString(p.study.date);
                                   onNode.modalities = QString::fromStdString(p.modalities);
                                   onNode.description = QString::fromStdString(p.study.description);
                                   onNode.images = p.images;
                                   onNode.node = priors[n].node;
                                   studies.push_back(onNode);
                                   cached = studies.end() - 1;
                               }
                               cached->defaultPrior = n == 0;
                               cached->why = QString::fromStdString(p.why);
                           }
                           m_others = studies.size() > 1;
                           m_strip->setTimeline(studies, studyUid);
                           showWhenUseful();
                           if (!problems.isEmpty())
                               m_status.say(tr("Priors: %1").arg(problems));
                           // Fetched before the reader asks for it.
                           if (!priors.empty() && !priors.front().prior.inCache && m_prefetch && m_prefetch->isChecked())
                               whenCached(QString::fromStdString(priors.front().prior.study.uid), [] {});
                       });
    });
}

void SeriesStripReactions::prefetchPriorOf(const QString& studyUid)
{
    if (!m_prefetch || !m_prefetch->isChecked() || m_fetching.count(studyUid) || m_fetchedAsPriors.count(studyUid) ||
        m_station.nodes().nodes.empty())
        return;
    m_arrivals->find(studyUid, m_station.nodes().nodes, [this](std::vector<FoundPrior> priors, const QString&) {
        if (priors.empty() || priors.front().prior.inCache || m_fetching.count(QString::fromStdString(priors.front().prior.study.uid)))
            return;
        fetch(QString::fromStdString(priors.front().prior.study.uid), QString::fromStdString(priors.front().prior.study.date),
              priors.front().node, [](bool) {});
    });
}

void SeriesStripReactions::fetch(const QString& studyUid, const QString& date, const QString& nodeName, std::function<void(bool ok)> then)
{
    const auto node = m_station.nodes().node(nodeName);
    if (!node) {
        m_status.say(tr("Study %1 is on %2, which is no longer set up").arg(studyUid, nodeName));
        return;
    }
    if (!m_fetching.insert(studyUid).second)
        return;  // under way
    m_fetchedAsPriors.insert(studyUid);
    m_station.transfers().retrieve(*node, studyUid, QString(), tr("Prior %1 from %2").arg(date, nodeName), this, [this, studyUid, then](bool ok) {
        m_fetching.erase(studyUid);
        refreshTimeline();
        then(ok);
    });
}

void SeriesStripReactions::whenCached(const QString& studyUid, std::function<void()> then)
{
    const auto entry = [&]() -> const TimelineEntry* {
        for (int i = 0; i < m_strip->timelineCount(); ++i)
            if (m_strip->timelineEntry(i).studyUid == studyUid)
                return &m_strip->timelineEntry(i);
        return nullptr;
    }();
    if (!entry || entry->node.isEmpty()) {
        then();
        return;
    }
    fetch(studyUid, entry->date, entry->node, [then](bool ok) {
        if (ok)
            then();
    });
}

void SeriesStripReactions::showWhenUseful()
{
    if (m_several || m_others)
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
