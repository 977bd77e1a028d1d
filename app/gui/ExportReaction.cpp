#include "ExportReaction.h"

#include "ExportDialog.h"
#include "ExportTask.h"
#include "StatusPanel.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/ViewportGrid.h"

#include <QAction>
#include <QCheckBox>
#include <QLineEdit>
#include <QMenu>

namespace hf::gui {

ExportReaction::ExportReaction(ViewportGrid& grid, StatusPanel& status, const QString& dbPath, std::shared_ptr<app::AuditTrail> audit,
                               std::function<QStringList(const QString&)> keyImagesOf,
                               std::function<QString(const QString&)> burnedInMasksOf, QWidget* dialogParent)
    : QObject(dialogParent)
    , m_grid(grid)
    , m_status(status)
    , m_keyImagesOf(std::move(keyImagesOf))
    , m_burnedInMasksOf(std::move(burnedInMasksOf))
    , m_dialogParent(dialogParent)
    , m_task(new ExportTask(dbPath, std::move(audit), this))
{
    connect(&m_status, &StatusPanel::cancelRequested, m_task, &ExportTask::cancel);
    connect(m_task, &ExportTask::progress, this, [this](int done, int total) { m_status.showProgress(tr("Exporting %v/%m"), done, total); });
    connect(m_task, &ExportTask::finished, this, [this](bool ok, const QStringList& files, const QString& message) {
        m_status.hideProgress();
        m_status.say(ok ? tr("Exported %1").arg(files.join(", ")) : tr("Export failed: %1").arg(message));
        emit exportFinished(ok, files, message);
    });
}

void ExportReaction::addTo(QMenu& file)
{
    QAction* exportAction = file.addAction(tr("&Export..."), this, &ExportReaction::askAndExport);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportAction->setObjectName("file-export");
}

void ExportReaction::askAndExport()
{
    SliceViewport* view = m_grid.activeView();
    if (!view->volume()) {
        m_status.say(tr("Open a series first"));
        return;
    }
    ExportDialog dialog(view->slice(), view->scene().sliceCount(), m_dialogParent);
    dialog.setMasks(m_burnedInMasksOf(view->seriesUid()));  // what the Mask tool drew
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.originals()) {
        QString why;
        const auto options = dialog.originalsOptions(why);
        if (!options) {
            m_status.say(tr("Export: %1").arg(why));
            return;
        }
        exportOriginals(dialog.file()->text(), dialog.anonymize()->isChecked(), *options);
        return;
    }
    std::vector<int> keySlices;
    const QStringList keys = m_keyImagesOf(view->studyUid());
    for (size_t k = 0; k < view->volume()->sliceSopInstanceUids.size(); ++k)
        if (keys.contains(QString::fromStdString(view->volume()->sliceSopInstanceUids[k])))
            keySlices.push_back(int(k));
    exporting::ExportRequest request = dialog.request(keySlices);
    // The window the reader set, not the file's; zoom and pan too when asked.
    request.windowCenter = view->scene().windowCenter();
    request.windowWidth = view->scene().windowWidth();
    if (dialog.asShown()->isChecked())
        request.visibleRegion = visibleRegion(*view);
    exportActive(request);
}

QRectF ExportReaction::visibleRegion(const SliceViewport& view)
{
    // The view's corners in pixel index coordinates (edges, not centres). Rotation and flips
    // are not carried into exports: the region is the axis-aligned box the view covers.
    const StackGeometry& g = view.volume()->geometry();
    const qreal ratio = view.devicePixelRatioF();
    const Vec3 a = g.toIndex(view.scene().patientPosition(0, 0)), b = g.toIndex(view.scene().patientPosition(view.width() * ratio, view.height() * ratio));
    return QRectF(QPointF(std::min(a.x, b.x), std::min(a.y, b.y)), QPointF(std::max(a.x, b.x), std::max(a.y, b.y)));
}

void ExportReaction::exportOriginals(const QString& folder, bool anonymize, const DeidentifyOptions& options)
{
    SliceViewport* view = m_grid.activeView();
    if (!view->volume()) {
        emit exportFinished(false, {}, tr("no series to export"));
        return;
    }
    m_status.showProgress(tr("Exporting %v/%m"), 0, 0);
    m_status.say(tr("Exporting the original images to %1").arg(folder));
    m_task->startOriginals(view->seriesUid(), folder, anonymize, options);
}

void ExportReaction::exportActive(const exporting::ExportRequest& request)
{
    SliceViewport* view = m_grid.activeView();
    if (!view->volume()) {
        emit exportFinished(false, {}, tr("no series to export"));
        return;
    }
    m_status.showProgress(tr("Exporting %v/%m"), 0, 0);
    m_status.say(tr("Exporting to %1").arg(request.out));
    m_task->start(request, {view->seriesInfo(), {}, {}, describeStack(view->stackPosition())}, view->volume());
}

} // namespace hf::gui
