#pragma once
// One export in the background (pictures, TIFF, PDF report or Secondary Captures of a loaded
// series, with the cache's annotations, key images, tags and note): progress, cancel, and the
// files written or the reason it failed (a failed or cancelled export leaves no files). A new
// export while one runs is refused by the caller, not queued. GUI thread.
#include "ExportInput.h"

#include "hf/dicomio/InstanceDeidentifier.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

namespace hf {
class Volume;
}

namespace hf::app {
class AuditTrail;
}

namespace hf::gui {

class ExportTask : public QObject {
    Q_OBJECT
public:
    // Each export is recorded in `audit` (Export, with its destination).
    ExportTask(QString dbPath, std::shared_ptr<app::AuditTrail> audit, QObject* parent);

    void start(const exporting::ExportRequest& request, const exporting::StudyDescription& study,
               std::shared_ptr<const Volume> volume);
    // The series' original instances into `folder`, copied or de-identified.
    void startOriginals(const QString& seriesUid, const QString& folder, bool anonymize, const DeidentifyOptions& options);
    void cancel();

signals:
    void progress(int done, int total);
    void finished(bool ok, const QStringList& files, const QString& message);

private:
    QString m_dbPath;
    std::shared_ptr<app::AuditTrail> m_audit;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace hf::gui
