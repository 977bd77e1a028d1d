#include "ArrivingStudy.h"

#include "SeriesLoading.h"
#include "StatusPanel.h"
#include "TransferQueue.h"

#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

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
        if (!m_series.isEmpty() && shown->seriesUid() == m_series)
            sayArrival();
        else
            shown->setArrivalText({});  // another series now: not the one arriving
    });
}

void ArrivingStudy::begin(const QString& studyUid)
{
    m_study = studyUid;
    m_series.clear();
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
    m_loading.openSeries(m_series, m_view, view->stackPosition().index, view->slice());
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
