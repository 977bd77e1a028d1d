#include "TimeReactions.h"

#include "BackgroundJob.h"
#include "SeriesLoading.h"
#include "StatusPanel.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CachedSeries.h"
#include "hf/dicomio/StackBuilder.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeLoader.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QSignalBlocker>
#include <QSlider>
#include <QTimer>
#include <QToolBar>

#include <algorithm>
#include <cmath>

namespace hf::gui {

TimeReactions::TimeReactions(ViewportGrid& grid, SeriesLoading& loading, StatusPanel& status, QString dbPath, QObject* parent,
                             size_t memoryBudget)
    : QObject(parent)
    , m_grid(grid)
    , m_loading(loading)
    , m_status(status)
    , m_dbPath(std::move(dbPath))
    , m_memoryBudget(memoryBudget)
    , m_views(size_t(ViewportGrid::kMaxViews))
    , m_cine(new QTimer(this))
{
    m_cine->setTimerType(Qt::PreciseTimer);
    connect(m_cine, &QTimer::timeout, this, &TimeReactions::cineTick);
    connect(&m_loading, &SeriesLoading::volumeLoaded, this, &TimeReactions::volumeLoaded);
    connect(&m_loading, &SeriesLoading::firstSliceShown, this, [this] { followActiveView(); });
    connect(&m_grid, &ViewportGrid::activeChanged, this, &TimeReactions::followActiveView);
    // Alt+Down/Alt+Up on a 4D series: the decoded time point at once. A QPointer, as either of
    // the two may go first.
    m_loading.setStackStepper([self = QPointer<TimeReactions>(this)](int view, int stack) {
        return self && self->stepTo(view, stack);
    });
}

bool TimeReactions::stepTo(int view, int stack)
{
    const TimePoints& t = m_views[size_t(view)];
    if (!m_grid.view(view)->stackPosition().timeSeries || size_t(stack) >= t.volumes.size() || !t.volumes[size_t(stack)])
        return false;
    showTime(view, stack);
    return true;
}

TimeReactions::~TimeReactions()
{
    for (const TimePoints& t : m_views)  // decodes still running stop at their next time point
        if (t.stopPreload)
            t.stopPreload->store(true);
}

void TimeReactions::addViewActions(QMenu& view)
{
    m_cineAction = view.addAction(tr("Cine over time (4D series)"), this, [this](bool on) { setCineOverTime(on); });
    m_cineAction->setCheckable(true);
    m_cineAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_C));
    m_cineAction->setObjectName("cine-time");
}

void TimeReactions::addToolBarWidgets(QToolBar& bar)
{
    m_label = new QLabel;
    m_slider = new QSlider(Qt::Horizontal);
    m_slider->setObjectName("time-slider");
    m_slider->setMinimumWidth(120);
    m_slider->setToolTip(tr("Time point of the active view's 4D series (Alt+Down/Alt+Up; Shift+C plays them)"));
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) { showTime(m_grid.activeIndex(), value - 1); });
    m_labelAction = bar.addWidget(m_label);
    m_sliderAction = bar.addWidget(m_slider);
    followActiveView();
}

void TimeReactions::volumeLoaded(int index, std::shared_ptr<const Volume> volume)
{
    const SliceViewport* view = m_grid.view(index);
    TimePoints& t = m_views[size_t(index)];
    const StackPosition& position = view->stackPosition();
    if (!position.timeSeries) {
        t = TimePoints{};
        followActiveView();
        return;
    }
    if (t.seriesUid != view->seriesUid() || int(t.volumes.size()) != position.count) {
        if (t.stopPreload)
            t.stopPreload->store(true);  // the other series' decode stops at its next time point
        t = TimePoints{};
        t.seriesUid = view->seriesUid();
        t.volumes.resize(size_t(position.count));
    }
    t.position = position;
    t.volumes[size_t(position.index)] = std::move(volume);
    followActiveView();
    preload(index);
}

void TimeReactions::preload(int index)
{
    TimePoints& t = m_views[size_t(index)];
    std::vector<int> missing;
    for (size_t k = 0; k < t.volumes.size(); ++k)
        if (!t.volumes[k])
            missing.push_back(int(k));
    const auto loaded = std::find_if(t.volumes.begin(), t.volumes.end(), [](const auto& v) { return v != nullptr; });
    if (t.stopPreload || missing.empty() || loaded == t.volumes.end())
        return;  // running already, or nothing to do
    if ((*loaded)->byteCount() * t.volumes.size() > m_memoryBudget) {
        m_status.say(tr("The %1 time points would take more than %2 GB: each is loaded when shown")
                         .arg(t.volumes.size())
                         .arg(double(m_memoryBudget) / (1 << 30), 0, 'f', 1));
        return;
    }
    const auto stop = std::make_shared<std::atomic<bool>>(false);
    t.stopPreload = stop;
    const std::string db = m_dbPath.toStdString(), uid = t.seriesUid.toStdString();
    const QString seriesUid = t.seriesUid;
    const GuiReceiver receiver(this);
    // The series' headers once, then each missing time point in turn, handed over as it is decoded.
    runInBackground(
        this,
        [this, index, missing, db, uid, seriesUid, stop, receiver]() -> GuiContinuation {
            CacheDatabase database(db);
            const StudyTree tree = StackBuilder().build(cachedScan(database, uid).frames);
            const auto where = findSeries(tree, uid);
            for (const int time : missing) {
                if (stop->load() || !where || size_t(time) >= where->series->stacks.size())
                    break;
                std::shared_ptr<const Volume> volume = VolumeLoader().load(where->series->stacks[size_t(time)], {{}, stop.get()}).volume;
                if (!volume || stop->load())
                    break;
                receiver.deliver([this, index, time, seriesUid, volume] {
                    TimePoints& now = m_views[size_t(index)];
                    if (now.seriesUid != seriesUid || size_t(time) >= now.volumes.size())
                        return;  // the view shows another series since
                    if (!now.volumes[size_t(time)])
                        now.volumes[size_t(time)] = volume;
                    followActiveView();
                });
            }
            return [this, index, stop] {
                TimePoints& now = m_views[size_t(index)];
                if (now.stopPreload == stop)
                    now.stopPreload.reset();
            };
        },
        [this, index, stop](const QString& reason) {
            if (m_views[size_t(index)].stopPreload == stop)
                m_views[size_t(index)].stopPreload.reset();
            m_status.say(tr("A time point could not be loaded: %1").arg(reason));
        });
}

void TimeReactions::showTime(int index, int time)
{
    SliceViewport* view = m_grid.view(index);
    TimePoints& t = m_views[size_t(index)];
    if (!view->stackPosition().timeSeries || t.seriesUid != view->seriesUid() || time < 0 || time >= int(t.volumes.size()) ||
        time == view->stackPosition().index)
        return;
    StackPosition position = t.position;
    position.index = time;
    position.label = position.labels[size_t(time)];
    if (!t.volumes[size_t(time)] || !view->replaceVolume(t.volumes[size_t(time)], position)) {
        m_loading.openStack(index, time);  // not decoded yet
        return;
    }
    if (index == m_grid.activeIndex())
        followActiveView();
}

int TimeReactions::decodedTimePoints(int view) const
{
    const TimePoints& t = m_views[size_t(view)];
    return int(std::count_if(t.volumes.begin(), t.volumes.end(), [](const auto& v) { return v != nullptr; }));
}

bool TimeReactions::cineOverTime() const { return m_cine->isActive(); }

void TimeReactions::setCineOverTime(bool playing)
{
    const SliceViewport* view = m_grid.activeView();
    if (playing && view->stackPosition().timeSeries) {
        m_cineView = m_grid.activeIndex();
        m_cine->start(int(std::lround(1000.0 / view->cineRate())));
    } else {
        m_cine->stop();
    }
    if (m_cineAction)
        m_cineAction->setChecked(m_cine->isActive());
}

void TimeReactions::cineTick()
{
    const SliceViewport* view = m_grid.view(m_cineView);
    const TimePoints& t = m_views[size_t(m_cineView)];
    if (!view->stackPosition().timeSeries || t.volumes.empty())
        return setCineOverTime(false);
    const int next = (view->stackPosition().index + 1) % int(t.volumes.size());
    if (t.volumes[size_t(next)])  // a time point still loading is waited for
        showTime(m_cineView, next);
}

void TimeReactions::followActiveView()
{
    if (!m_slider)
        return;
    const SliceViewport* view = m_grid.activeView();
    const StackPosition& at = view->stackPosition();
    const bool shown = at.timeSeries && view->volume();
    m_sliderAction->setVisible(shown);
    m_labelAction->setVisible(shown);
    if (!shown)
        return;
    const QSignalBlocker block(m_slider);
    m_slider->setRange(1, at.count);
    m_slider->setValue(at.index + 1);
    m_label->setText(tr(" Time %1/%2 (%3 decoded) ").arg(at.index + 1).arg(at.count).arg(decodedTimePoints(m_grid.activeIndex())));
}

} // namespace hf::gui
