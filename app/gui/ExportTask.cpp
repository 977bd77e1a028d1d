#include "ExportTask.h"

#include "AuditEvents.h"
#include "AuditTrail.h"
#include "OriginalsExport.h"
#include "BackgroundJob.h"
#include "CacheExportInput.h"
#include "Exporter.h"

#include "hf/annotations/CacheDatabase.h"

#include <QFileInfo>

#include <stdexcept>

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

void ExportTask::startOriginals(const QString& seriesUid, const QString& folder, bool anonymize, const DeidentifyOptions& options)
{
    auto cancel = m_cancel = std::make_shared<std::atomic<bool>>(false);
    const std::string db = m_dbPath.toStdString();
    const GuiReceiver self(this);
    runInBackground(this, [this, self, seriesUid, folder, anonymize, options, db, cancel, audit = m_audit]() -> GuiContinuation {
        CacheDatabase database(db);
        std::string studyUid;
        const std::vector<std::string> files = exporting::cachedFilesOf(database, seriesUid.toStdString(), {}, studyUid);
        if (files.empty())
            throw std::invalid_argument("the cache has none of this series' files");
        const std::string out = QFileInfo(folder).absoluteFilePath().toStdString();
        const exporting::OriginalsResult result = exporting::exportOriginals(files, out, anonymize, options, [this, self, cancel](int done, int total) {
            self.deliver([this, done, total] { emit progress(done, total); });
            return self.alive() && !cancel->load();
        });
        AuditEvent exported = app::studyEvent(AuditEventKind::Export, database, studyUid, 0);
        result.describe(exported, out);
        audit->record(exported);
        const bool ok = result.refused.isEmpty() && !result.written.isEmpty();
        const QString message = result.refused.isEmpty() ? QString() : result.refused.join("; ");
        const QStringList written = result.written;
        const int masked = int(result.masked.size());
        return [this, ok, written, message, masked] {
            emit finished(ok, written, masked ? tr("%1 masked").arg(masked) + (message.isEmpty() ? "" : "; " + message) : message);
        };
    }, [this](const QString& reason) { emit finished(false, {}, reason); });
}

} // namespace hf::gui
