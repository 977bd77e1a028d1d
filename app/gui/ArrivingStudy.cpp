#include "ArrivingStudy.h"

#include "BackgroundJob.h"
#include "SeriesLoading.h"
#include "StatusPanel.h"
#include "TransferQueue.h"

#include "hf/dicomio/Volume.h"
#include "hf/dicomio/net/SeriesInstances.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <algorithm>

namespace hf::gui {

ArrivingStudy::ArrivingStudy(SeriesLoading& loading, ViewportGrid& grid, StatusPanel& status, TransferQueue& transfers, QObject* parent)
    : QObject(parent)
    , m_loading(loading)
    , m_grid(grid)
    , m_status(status)
    , m_transfers(transfers)
{
    // A reload decodes every slice here so far: once a second is enough to watch it fill.
    m_reload.setSingleShot(true);
    m_reload.setInterval(1000);
    connect(&m_reload, &QTimer::timeout, this, &ArrivingStudy::reload);
    // Whatever the reader turns to comes next from the archive.
    connect(&m_loading, &SeriesLoading::firstSliceShown, this, [this](int view) {
        SliceViewport* shown = m_grid.view(view);
        if (!shown)
            return;
        if (view == m_grid.activeIndex())
            m_transfers.setWantedSeries(shown->seriesUid());
        if (view != m_view)
            return;
        if (!m_series.isEmpty() && shown->seriesUid() == m_series) {
            sayArrival();
            if (m_listedUnused) {  // the archive's list came while the first load still ran
                m_listedUnused = false;
                reload();
            }
        } else
            shown->setArrivalText({});  // another series now: not the one arriving
    });
}

void ArrivingStudy::begin(const PacsNode& node, const QString& studyUid)
{
    m_node = node;
    m_study = studyUid;
    m_series.clear();
    m_listed.clear();
    m_listedUnused = false;
    m_view = -1;
    m_inCache = m_expected = m_shown = 0;
    m_reload.stop();
}

void ArrivingStudy::arrived(const QString& studyUid, const QString& seriesUid, int inCache, int expected)
{
    if (studyUid != m_study)
        return;
    if (m_series.isEmpty()) {
        if (inCache <= 0)
            return;
        m_series = seriesUid;
        m_view = m_grid.activeIndex();
        m_inCache = inCache;
        m_expected = expected;
        m_shown = inCache;
        m_transfers.setWantedSeries(seriesUid);
        m_loading.openSeries(seriesUid, m_view);
        askForInstanceList();
        return;
    }
    if (seriesUid != m_series)
        return;
    m_inCache = inCache;
    m_expected = expected;
    if (!m_reload.isActive())
        m_reload.start();
}

bool ArrivingStudy::finished(const QString& studyUid)
{
    if (studyUid != m_study || m_series.isEmpty())
        return false;
    m_reload.stop();
    m_study.clear();  // nothing more comes: the corner line goes
    if (m_shown != m_inCache)
        reload();
    else
        sayArrival();
    return true;
}

void ArrivingStudy::reload()
{
    SliceViewport* view = m_grid.view(m_view);
    // The reader moved on to another series in that view: it is left alone.
    if (!view || view->seriesUid() != m_series)
        return;
    m_shown = m_inCache;
    // Once every instance is here there is nothing to stand in for.
    const bool arriving = !m_study.isEmpty() && m_inCache < m_expected;
    int slice = view->slice();
    if (m_listedUnused && arriving)
        slice = placeInWholeStack(*view).value_or(slice);  // the same image, now among all the series' places
    m_listedUnused = false;
    m_loading.openSeries(m_series, m_view, view->stackPosition().index, slice, arriving ? m_listed : std::vector<ExpectedInstance>());
}

std::optional<int> ArrivingStudy::placeInWholeStack(const SliceViewport& view) const
{
    const auto volume = view.volume();
    const size_t k = size_t(view.slice());
    if (!volume || k >= volume->sliceSopInstanceUids.size())
        return std::nullopt;
    const std::string& shown = volume->sliceSopInstanceUids[k];
    const Vec3 normal = volume->geometry().normal;
    auto shownAt = std::find_if(m_listed.begin(), m_listed.end(), [&](const ExpectedInstance& e) { return e.sopInstanceUid == shown; });
    if (shownAt == m_listed.end() || !shownAt->hasPosition)
        return std::nullopt;
    const double depth = shownAt->position.dot(normal);
    return int(std::count_if(m_listed.begin(), m_listed.end(), [&](const ExpectedInstance& e) { return e.hasPosition && e.position.dot(normal) < depth - 1e-3; }));
}

void ArrivingStudy::askForInstanceList()
{
    const PacsNode node = m_node;
    const std::string study = m_study.toStdString(), series = m_series.toStdString();
    // The pool thread only carries `this` to the continuation, which runs if this still exists.
    runInBackground(this, [this, node, study, series]() -> GuiContinuation {
        SeriesInstancesResult listed = findSeriesInstances(node, study, series);
        return [this, series, listed = std::move(listed)]() mutable {
            if (m_series.toStdString() != series || m_study.isEmpty())
                return;  // another retrieval, or this one ended
            if (!listed.ok) {
                // Still shown as it fills in; only the stand-ins are missing.
                m_status.say(tr("The archive did not list this series' images (%1): the view shows those that are here")
                                 .arg(QString::fromStdString(listed.message)));
                return;
            }
            m_listed = std::move(listed.instances);
            m_listedUnused = true;
            m_reload.stop();
            reload();  // at once: the stack takes its whole length (or once the first load is shown)
        };
    });
}

void ArrivingStudy::sayArrival()
{
    SliceViewport* view = m_grid.view(m_view);
    if (!view || view->seriesUid() != m_series)
        return;
    const bool arriving = !m_study.isEmpty() && m_shown < m_expected;
    view->setArrivalText(arriving ? tr("Arriving: %1 of %2 images").arg(m_shown).arg(m_expected).toStdString() : std::string());
    if (arriving)
        m_status.say(tr("Arriving: %1 of %2 images of this series are here; the view fills in as they come").arg(m_shown).arg(m_expected));
}

} // namespace hf::gui
