#include "SeriesLoading.h"

#include "AuditTrail.h"
#include "PresetLibrary.h"
#include "StatusPanel.h"
#include "StudyLoadTask.h"

#include "hf/dicomio/Volume.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QFileDialog>
#include <QAction>
#include <QMenu>
#include <QThreadPool>

#include <algorithm>
#include <utility>

namespace hf::gui {
namespace {

QString otherStacks(const StackPosition& stack)
{
    QStringList others;
    for (int k = 0; k < int(stack.labels.size()); ++k)
        if (k != stack.index)
            others << QString::fromStdString(stack.labels[size_t(k)]);
    return others.join(", ");
}

} // namespace

SeriesLoading::SeriesLoading(ViewportGrid& grid, StatusPanel& status, const PresetLibrary& presets, const GuiOptions& options,
                             std::shared_ptr<app::AuditTrail> audit, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_grid(grid)
    , m_status(status)
    , m_presets(presets)
    , m_options(options)
    , m_dialogParent(dialogParent)
    , m_audit(std::move(audit))
    , m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(ViewportGrid::kMaxViews);
    for (int i = 0; i < ViewportGrid::kMaxViews; ++i) {
        m_tasks.push_back(new StudyLoadTask(this, m_pool));
        m_tasks.back()->setAudit(m_audit);
        m_loading.push_back(false);
        connectTask(i);
    }
    connect(&m_status, &StatusPanel::cancelRequested, this, [this] {
        for (StudyLoadTask* task : m_tasks)
            task->cancel();
    });
}

SeriesLoading::~SeriesLoading()
{
    for (StudyLoadTask* task : m_tasks)
        task->cancel();
    m_pool->waitForDone();  // nothing of a load outlives the window's loading
}

void SeriesLoading::addFileActions(QMenu& file)
{
    QAction* openAction = file.addAction(tr("&Open folder..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(m_dialogParent, tr("Open DICOM folder"));
        if (!dir.isEmpty())
            openChosen({dir});
    });
    openAction->setShortcut(QKeySequence::Open);
    file.addAction(tr("Import folder, &copying it into the cache..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(m_dialogParent, tr("Import DICOM folder (copy)"));
        if (!dir.isEmpty())
            openChosen({dir}, true);
    });
}

void SeriesLoading::connectTask(int view)
{
    StudyLoadTask* task = m_tasks[size_t(view)];
    connect(task, &StudyLoadTask::progress, this, [this](const QString& stage, qint64 done, qint64 total) {
        m_status.showProgress(stage + " %v/%m", done, total);
    });
    connect(task, &StudyLoadTask::firstSliceReady, this,
            [this, view](std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series) {
                if (m_auditedStudies.insert(series.info.study.uid).second) {
                    AuditEvent opened(AuditEventKind::StudyOpened);
                    opened.studyUids = {series.info.study.uid};
                    opened.patientId = series.info.patient.id;
                    opened.patientName = series.info.patient.name;
                    m_audit->post(opened);
                }
                showFirstSlice(view, std::move(volume), slice, series);
            });
    connect(task, &StudyLoadTask::finished, this, [this, view](std::shared_ptr<const Volume> volume, const QStringList& errors) {
        showVolume(view, std::move(volume), errors);
    });
    connect(task, &StudyLoadTask::failed, this,
            [this, view](const QString& reason, const QStringList& errors) { showFailure(view, reason, errors); });
    connect(task, &StudyLoadTask::imported, this, &SeriesLoading::imported);
}

int SeriesLoading::takeRequestedStack()
{
    const int stack = m_options.stack ? *m_options.stack - 1 : -1;
    m_options.stack.reset();
    return stack;
}

void SeriesLoading::addViewActions(QMenu& view)
{
    QAction* next = view.addAction(tr("Next stack of the series"), this, [this] { stepStack(+1); });
    next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    next->setObjectName("next-stack");
    QAction* previous = view.addAction(tr("Previous stack of the series"), this, [this] { stepStack(-1); });
    previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    previous->setObjectName("previous-stack");
}

void SeriesLoading::stepStack(int by)
{
    SliceViewport* view = m_grid.activeView();
    const StackPosition& at = view->stackPosition();
    if (!view->volume() || at.count < 2)
        return;
    const int stack = ((at.index + by) % at.count + at.count) % at.count;
    if (m_stackStepper && m_stackStepper(m_grid.activeIndex(), stack))
        return;
    openStack(m_grid.activeIndex(), stack);
}

void SeriesLoading::openStack(int index, int stack)
{
    SliceViewport* view = m_grid.view(index);
    m_status.say(tr("Opening stack %1 of %2").arg(stack + 1).arg(view->stackPosition().count));
    m_loading[size_t(index)] = true;
    m_tasks[size_t(index)]->startCached(view->seriesUid(), m_options.db, view->slice(), stack);
}

int SeriesLoading::takeRequestedSlice()
{
    const int firstSlice = m_options.slice ? *m_options.slice - 1 : -1;
    m_options.slice.reset();
    return firstSlice;
}

void SeriesLoading::setKeepFree(std::uint64_t bytes)
{
    for (StudyLoadTask* task : m_tasks)
        task->setKeepFree(bytes);
}

void SeriesLoading::open(const QStringList& paths, bool copyIntoCache)
{
    m_status.say(tr("Opening %1").arg(paths.join(", ")));
    const int view = m_grid.activeIndex();
    m_problems.clear();
    m_fillOtherViews = m_options.protocol.isEmpty();  // else the study's protocol fills the views
    m_loading[size_t(view)] = true;
    m_tasks[size_t(view)]->start(paths, m_options.seriesUid, m_options.slice ? *m_options.slice - 1 : -1, m_options.db,
                                 copyIntoCache, takeRequestedStack());
}

void SeriesLoading::openChosen(const QStringList& paths, bool copyIntoCache)
{
    m_options.seriesUid.clear();
    m_options.slice.reset();
    open(paths, copyIntoCache);
}

void SeriesLoading::openSeries(const QString& seriesUid, int view, int stackIndex, int slice, std::vector<ExpectedInstance> expected)
{
    m_options.seriesUid = seriesUid;
    m_status.say(tr("Opening series %1").arg(seriesUid));
    const int target = view >= 0 ? view : m_grid.activeIndex();
    m_grid.setActive(target);
    // From the cache's index: its headers are not read again (files it has none for are).
    m_loading[size_t(target)] = true;
    const int requestedStack = takeRequestedStack();
    const int requestedSlice = takeRequestedSlice();
    m_tasks[size_t(target)]->startCached(seriesUid, m_options.db, slice >= 0 ? slice : requestedSlice,
                                         stackIndex >= 0 ? stackIndex : requestedStack, std::move(expected));
}

void SeriesLoading::reportUnavailable(const QString& reason)
{
    m_status.say(reason);
    emit loadFinished(false, reason);
}

void SeriesLoading::loadInto(int view, const QStringList& files, const QString& seriesUid, int firstSlice)
{
    m_loading[size_t(view)] = true;
    m_tasks[size_t(view)]->start(files, seriesUid, firstSlice);
}

void SeriesLoading::showFirstSlice(int index, std::shared_ptr<const Volume> volume, int slice, const OpenedSeries& series)
{
    SliceViewport* view = m_grid.view(index);
    // The series reloaded as it arrives: the window the reader has now stays (SliceScene).
    const bool fillingIn = view->volume() && volume && fillsIn(*view->volume(), *volume);
    view->setSeriesInfo(series.info);
    view->setStackPosition(series.stack);
    view->setVolume(volume, slice);
    if (!fillingIn) {
        if (m_options.windowCenter && m_options.windowWidth)
            view->setWindow(*m_options.windowCenter, *m_options.windowWidth);
        else if (auto p = m_presets.windowPreset(m_options.windowPreset); p && !m_options.windowPreset.isEmpty())
            view->setWindow(p->center, p->width);
    }
    emit firstSliceShown(index);
    if (!series.warnings.isEmpty())
        m_status.say(tr("Warning: %1").arg(series.warnings.join("; ")));
    else if (series.stack.timeSeries)
        m_status.say(tr("Time point %1 of %2 (%3); Alt+Down/Alt+Up or the time slider step in time, Shift+C plays them")
                         .arg(series.stack.index + 1)
                         .arg(series.stack.count)
                         .arg(QString::fromStdString(describeStack(series.stack))));
    else if (series.stack.count > 1)  // the reader is told what else the series holds
        m_status.say(tr("Stack %1 of %2 (%3); the others: %4 (Alt+Down/Alt+Up)")
                         .arg(series.stack.index + 1)
                         .arg(series.stack.count)
                         .arg(QString::fromStdString(series.stack.label))
                         .arg(otherStacks(series.stack)));
    // The first series of freshly opened PATHs: its siblings fill the other views, in order.
    if (std::exchange(m_fillOtherViews, false)) {
        QList<int> freeViews;
        for (int i = 0; i < m_grid.viewCount(); ++i)
            if (i != index)
                freeViews << i;
        for (int n = 0; n < series.otherSeries.size() && n < freeViews.size(); ++n)
            loadInto(freeViews[n], series.otherSeries[n].second, series.otherSeries[n].first, -1);
    }
}

void SeriesLoading::showVolume(int index, std::shared_ptr<const Volume> volume, const QStringList& errors)
{
    m_grid.view(index)->volumeLoaded();
    emit volumeLoaded(index, volume);
    m_problems += errors;
    m_status.setProblems(m_problems);
    if (m_status.message().startsWith(tr("Opening")))
        m_status.say(tr("Loaded %1 images").arg(volume->geometry().slices));
    loadEnded(index, true, errors.join("\n"));
}

void SeriesLoading::showFailure(int index, const QString& reason, const QStringList& errors)
{
    m_status.say(reason);
    m_problems += errors;
    m_status.setProblems(m_problems);
    loadEnded(index, false, (QStringList(reason) + errors).join("\n"));
}

void SeriesLoading::loadEnded(int view, bool ok, const QString& message)
{
    m_loading[size_t(view)] = false;
    m_loadFailed |= !ok;
    if (!message.isEmpty())
        m_loadMessages += (m_loadMessages.isEmpty() ? "" : "\n") + message;
    if (std::find(m_loading.begin(), m_loading.end(), true) != m_loading.end())
        return;
    m_status.hideProgress();
    const bool failed = std::exchange(m_loadFailed, false);
    emit loadFinished(!failed, std::exchange(m_loadMessages, {}));
}

} // namespace hf::gui
