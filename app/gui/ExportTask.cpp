#include "ExportTask.h"

#include "AuditTrail.h"
#include "BackgroundJob.h"
#include "CacheExportInput.h"
#include "Exporter.h"

#include "hf/annotations/CacheDatabase.h"

#include <QFileInfo>

namespace hf::gui {

ExportTask::ExportTask(QString dbPath, std::shared_ptr<app::AuditTrail> audit, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
    , m_audit(std::move(audit))
{
}

void ExportTask::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ExportTask::start(const exporting::ExportRequest& request, const exporting::StudyDescription& study,
                       std::shared_ptr<const Volume> volume)
{
    auto cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    const std::string db = m_dbPath.toStdString();
    const GuiReceiver self(this);
    runInBackground(this, [this, self, request, study, volume, db, cancel, audit = m_audit]() -> GuiContinuation {
        CacheDatabase database(db);
        const exporting::ExportInput input = exporting::collectFromCache(database, volume, study);
        const QStringList files = exporting::runExport(request, input, [this, self, cancel](int done, int total) {
            self.deliver([this, done, total] { emit progress(done, total); });
            // The window is gone: stop (written files are removed).
            return self.alive() && !cancel->load();
        }).files;
        if (!files.isEmpty()) {
            AuditEvent exported(AuditEventKind::Export);
            exported.studyUids = {study.context.study.uid};
            exported.patientId = study.context.patient.id;
            exported.patientName = study.context.patient.name;
            exported.instances = int(files.size());
            exported.peerAddress = QFileInfo(request.out).absoluteFilePath().toStdString();
            audit->record(exported);
        }
        return [this, files] { emit finished(true, files, {}); };
    }, [this](const QString& reason) { emit finished(false, {}, reason); });
}

} // namespace hf::gui
