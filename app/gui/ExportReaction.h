#pragma once
// File > Export (Ctrl+E): the export dialog for the active view's series (shown image, whole
// series or key images; pictures, TIFF, PDF report, Secondary Captures), run by an ExportTask
// with progress and Cancel in the status bar. GUI thread.
#include "ExportInput.h"

#include "hf/dicomio/InstanceDeidentifier.h"

#include <QObject>
#include <QRectF>
#include <QStringList>

#include <functional>

class QMenu;
class QWidget;

namespace hf {
class SliceViewport;
class ViewportGrid;
}

namespace hf::app {
class AuditTrail;
}

namespace hf::gui {

class ExportTask;
class StatusPanel;

class ExportReaction : public QObject {
    Q_OBJECT
public:
    // keyImagesOf: a study's key images (SOP Instance UIDs), as the annotation service last said.
    ExportReaction(ViewportGrid& grid, StatusPanel& status, const QString& dbPath, std::shared_ptr<app::AuditTrail> audit,
                   std::function<QStringList(const QString& studyUid)> keyImagesOf,
                   std::function<QString(const QString& seriesUid)> burnedInMasksOf, QWidget* dialogParent);

    void addTo(QMenu& file);
    // Exports the active view's series in the background; exportFinished says how it went.
    void exportActive(const exporting::ExportRequest& request);
    // The active view's series as its original instances into `folder` (copied or de-identified).
    void exportOriginals(const QString& folder, bool anonymize, const DeidentifyOptions& options);
    // The part of the slice a view shows (its zoom and pan), for "export as shown".
    static QRectF visibleRegion(const SliceViewport& view);

signals:
    void exportFinished(bool ok, const QStringList& files, const QString& message);

private:
    void askAndExport();

    ViewportGrid& m_grid;
    StatusPanel& m_status;
    std::function<QStringList(const QString&)> m_keyImagesOf;
    std::function<QString(const QString&)> m_burnedInMasksOf;  // "X,Y,W,H;..." drawn with the Mask tool
    QWidget* m_dialogParent;
    ExportTask* m_task;
};

} // namespace hf::gui
