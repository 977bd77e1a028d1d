#include "StudyBrowserReactions.h"

#include "ArrivingStudy.h"
#include "ReceiverService.h"
#include "RemoteTasks.h"
#include "SeriesLoading.h"
#include "StatusPanel.h"
#include "TransferQueue.h"
#include "Workstation.h"

#include "hf/viewer/StudyListModel.h"
#include "hf/viewer/StudyListWidget.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>

namespace hf::gui {

StudyBrowserReactions::StudyBrowserReactions(QMainWindow& window, Workstation& station, ViewportGrid& grid,
                                             SeriesLoading& loading, StatusPanel& status)
    : QObject(&window)
    , m_window(window)
    , m_station(station)
    , m_grid(grid)
    , m_loading(loading)
    , m_status(status)
    , m_list(new StudyListWidget)
    , m_dock(new QDockWidget(tr("Studies")))
    , m_remote(new RemoteTasks(station.audit(), this))
    , m_arriving(new ArrivingStudy(loading, grid, status, station.transfers(), this))
{
    m_replyTo.receiver = this;
    m_replyTo.failed = [this](const QString& reason) { m_status.say(reason); };
    m_replyTo.damaged = [this](const QString& reason) { offerRebuild(reason); };
    m_dock->setWidget(m_list);
    m_dock->setObjectName("studies");
    window.addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    connectList();
    connectTransfers();
    connect(&m_grid, &ViewportGrid::seriesDropped, this, [this](int view, const QString& studyUid, const QString& seriesUid, int stack) {
        locateAndOpen(studyUid, seriesUid, view, false, stack);
    });
    connect(&m_loading, &SeriesLoading::imported, this, &StudyBrowserReactions::refresh);
    connect(&m_station, &Workstation::nodeSettingsChanged, this, [this] { m_list->setSources(m_station.nodeNames()); });
}

void StudyBrowserReactions::addViewActions(QMenu& view)
{
    QAction* toggle = m_dock->toggleViewAction();
    toggle->setShortcut(Qt::Key_F2);
    view.addAction(toggle);
}

void StudyBrowserReactions::startWith(const QString& seriesUid)
{
    if (!seriesUid.isEmpty())
        locateAndOpen(QString(), seriesUid, -1, false);
    refresh();
}

void StudyBrowserReactions::refresh()
{
    if (!m_list->source().isEmpty())
        return;  // the list shows a node
    m_station.cache().queryStudies(m_replyTo, m_list->filter(), [this](std::vector<StudyRow> rows) {
        if (m_list->source().isEmpty()) {
            // Studies the receiver brought in this session: bold, "new (N)" before the name.
            m_list->model()->setNewCounts(m_station.receiver().newCounts());
            m_list->setStudies(std::move(rows));
        }
        if (!std::exchange(m_filledOnce, true))
            emit listFilled();
    });
}

void StudyBrowserReactions::locateAndOpen(const QString& studyUid, const QString& seriesUid, int view, bool inNewWindow, int stack)
{
    m_station.cache().locateSeries(m_replyTo, studyUid, seriesUid, [this, view, inNewWindow, stack](const QString& uid, const QStringList& files) {
        if (files.isEmpty())
            m_loading.reportUnavailable(tr("Series %1: none of its files are in the cache or on disk").arg(uid));
        else if (inNewWindow)
            emit openInNewWindowRequested(uid, files);
        else
            m_loading.openSeries(uid, view, stack);
    });
}

void StudyBrowserReactions::connectList()
{
    // What the receiver indexes shows at once, counted.
    connect(&m_station.receiver(), &ReceiverService::received, this, [this](const QStringList&, int instances) {
        m_status.say(tr("Received %1 instance(s)").arg(instances));
        refresh();
    });
    // The list shows the cache or a PACS node; answers for the other are dropped.
    m_list->setSources(m_station.nodeNames());
    connect(m_list, &StudyListWidget::filterChanged, this, [this](const StudyFilter& filter) {
        const QString source = m_list->source();
        if (source.isEmpty()) {
            refresh();
        } else if (const auto node = m_station.nodes().node(source)) {
            m_status.say(tr("Searching %1...").arg(source));
            m_remote->queryStudies(*node, filter);
        }
    });
    connect(m_remote, &RemoteTasks::studiesReady, this, [this](std::vector<StudyRow> rows, bool moreMatch) {
        if (m_list->source().isEmpty())
            return;
        const QString found = rows.size() == 1 ? tr("1 study on %1").arg(m_list->source()) : tr("%1 studies on %2").arg(rows.size()).arg(m_list->source());
        m_status.say(moreMatch ? tr("%1, and more match: narrow the search").arg(found) : found);
        m_list->setStudies(std::move(rows));
    });
    connect(m_remote, &RemoteTasks::seriesReady, this, [this](const QString& studyUid, std::vector<SeriesRow> series) {
        if (!m_list->source().isEmpty())
            m_list->setSeries(studyUid, series);
    });
    connect(m_remote, &RemoteTasks::failed, &m_status, &StatusPanel::say);
    connect(m_list, &StudyListWidget::studySelected, this, [this](const QString& studyUid) {
        const QString source = m_list->source();
        if (!source.isEmpty()) {
            if (const auto node = m_station.nodes().node(source))
                m_remote->querySeries(*node, studyUid);
            return;
        }
        m_station.cache().querySeries(m_replyTo, studyUid, [this, studyUid](const std::vector<SeriesRow>& series) {
            if (!m_list->source().isEmpty())
                return;
            m_list->setSeries(studyUid, series);
            for (const auto& s : series) {
                if (s.imageCount == 0)
                    continue;  // objects have their kind's icon
                const QString uid = QString::fromStdString(s.uid);
                m_station.cache().thumbnail(m_replyTo, uid, [this, uid](const QImage& image) { m_list->setSeriesThumbnail(uid, image); });
            }
        });
    });
    connect(m_list, &StudyListWidget::openSeriesRequested, this,
            [this](const QString& studyUid, const QString& seriesUid, bool inNewWindow, int stack) {
                locateAndOpen(studyUid, seriesUid, -1, inNewWindow, stack);
            });
    connect(m_list, &StudyListWidget::objectsActivated, this, [this](const QString& description) {
        m_status.say(tr("%1: kept with the study and sent on with it, not displayed in this version").arg(description));
    });
    connect(m_list, &StudyListWidget::openStudyRequested, this, &StudyBrowserReactions::openStudyRequested);
    connect(m_list, &StudyListWidget::removeStudyRequested, this, &StudyBrowserReactions::confirmRemoveStudy);
}

void StudyBrowserReactions::connectTransfers()
{
    TransferQueue& transfers = m_station.transfers();
    connect(m_list, &StudyListWidget::retrieveRequested, this,
            [this, &transfers](const QString& nodeName, const QString& studyUid, const QString& seriesUid) {
                const auto node = m_station.nodes().node(nodeName);
                if (!node)
                    return;
                // It opens as soon as its first image is in, and fills in as the rest come.
                m_arriving->begin(*node, studyUid);
                transfers.retrieve(
                    *node, studyUid, seriesUid, tr("Retrieving from %1").arg(nodeName), this,
                    [this, studyUid](bool ok) {
                        if (!m_arriving->finished(studyUid) && ok)
                            locateAndOpen(studyUid, QString(), -1, false);
                    },
                    [this, studyUid](const QString& series, int inCache, int expected) { m_arriving->arrived(studyUid, series, inCache, expected); });
            });
    connect(&transfers, &TransferQueue::retrieved, this, &StudyBrowserReactions::refresh);
}

void StudyBrowserReactions::confirmRemoveStudy(const QString& studyUid)
{
    const auto answer = QMessageBox::question(&m_window, tr("Remove study"),
                                              tr("Remove this study from the local cache? Copies the cache made are "
                                                 "deleted; files it only links to stay on disk."));
    if (answer != QMessageBox::Yes)
        return;
    m_station.cache().removeStudy(m_replyTo, studyUid, m_station.audit(), [this](long long instances, long long bytes) {
        m_status.say(tr("Removed %1 images from the cache, freeing %2 MB (linked files stay where they were)")
                         .arg(instances)
                         .arg(double(bytes) / 1e6, 0, 'f', 1));
        refresh();
    });
}

void StudyBrowserReactions::offerRebuild(const QString& reason)
{
    const auto answer = QMessageBox::warning(
        &m_window, tr("Damaged study index"),
        reason + "\n\n" + tr("Rebuild the index from the imported files? The damaged file is kept beside it."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes)
        return;
    m_status.say(tr("Rebuilding the study index from the imported files..."));
    m_station.cache().rebuild(m_replyTo, [this](long long instances, const QString& damagedCopy) {
        m_status.say(tr("Study index rebuilt: %1 images (the damaged index is kept as %2)").arg(instances).arg(damagedCopy));
        refresh();
    });
}

} // namespace hf::gui
