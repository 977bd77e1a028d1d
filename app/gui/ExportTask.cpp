#include "ExportTask.h"

#include "BackgroundJob.h"
#include "CacheExportInput.h"
#include "Exporter.h"

#include "hf/annotations/CacheDatabase.h"

namespace hf::gui {

ExportTask::ExportTask(QString dbPath, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
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
    runInBackground(this, [this, self, request, study, volume, db, cancel]() -> GuiContinuation {
        CacheDatabase database(db);
        const exporting::ExportInput input = exporting::collectFromCache(database, volume, study);
        const QStringList files = exporting::runExport(request, input, [this, self, cancel](int done, int total) {
            self.deliver([this, done, total] { emit progress(done, total); });
            // The window is gone: stop (written files are removed).
            return self.alive() && !cancel->load();
        }).files;
        return [this, files] { emit finished(true, files, {}); };
    }, [this](const QString& reason) { emit finished(false, {}, reason); });
}

} // namespace hf::gui
