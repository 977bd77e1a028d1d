#include "SyncController.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/NodeSyncTransport.h"
#include "hf/annotations/SyncEngine.h"

#include <QDateTime>
#include <QFileInfo>
#include "BackgroundJob.h"

#include <ctime>

namespace hf::gui {

// Lives on the background thread only.
struct SyncController::Worker {
    std::string dbPath, workFolder, author;
    std::optional<PacsNode> node;
    std::unique_ptr<CacheDatabase> db;
    std::unique_ptr<NodeSyncTransport> transport;
    std::unique_ptr<SyncEngine> engine;
    std::string lastError;

    void open()
    {
        if (engine)
            return;
        if (!db)
            db = std::make_unique<CacheDatabase>(dbPath);
        // Without a node the engine still counts; it is never asked to send.
        transport = std::make_unique<NodeSyncTransport>(node.value_or(PacsNode{}));
        engine = std::make_unique<SyncEngine>(*db, *transport, workFolder, author);
    }

    void switchTo(std::optional<PacsNode> next)
    {
        engine.reset();
        transport.reset();
        node = std::move(next);
        lastError.clear();
    }
};

SyncController::SyncController(QString dbPath, QString author, std::optional<PacsNode> node, QObject* parent)
    : QObject(parent)
    , m_node(std::move(node))
    , m_worker(std::make_shared<Worker>())
{
    m_pool.setMaxThreadCount(1);
    m_worker->dbPath = dbPath.toStdString();
    m_worker->workFolder = (QFileInfo(dbPath).absolutePath() + "/sync").toStdString();
    m_worker->author = author.toStdString();
    m_worker->node = m_node;
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &SyncController::tick);
    m_timer.start();
    m_soon.setSingleShot(true);
    m_soon.setInterval(1000);  // a burst of edits goes out as one batch
    connect(&m_soon, &QTimer::timeout, this, &SyncController::tick);
    QTimer::singleShot(0, this, &SyncController::tick);
}

SyncController::~SyncController()
{
    m_pool.waitForDone();
}

void SyncController::waitForIdle()
{
    m_pool.waitForDone();
}

void SyncController::studyOpened(const QString& studyUid)
{
    if (!m_node)
        return;
    // Several views of one study open together: one pull is enough for a while.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_lastPull.contains(studyUid) && now - m_lastPull.value(studyUid) < 30000)
        return;
    m_lastPull.insert(studyUid, now);
    const std::string uid = studyUid.toStdString();
    run([uid](SyncEngine& engine) { return engine.sync({uid}, false, std::time(nullptr)); }, studyUid);
}

void SyncController::setNode(std::optional<PacsNode> node)
{
    m_node = std::move(node);
    m_lastPull.clear();
    // Queued on the worker's one thread, so it lands between two sync runs, never inside one.
    runInBackground(this, [worker = m_worker, next = m_node]() -> GuiContinuation {
        worker->switchTo(next);
        return {};
    }, {}, &m_pool);
    const bool sending = m_node.has_value();
    run([sending](SyncEngine& engine) { return sending ? engine.push(true, std::time(nullptr)) : SyncReport{}; }, {});
}

void SyncController::localChange()
{
    m_soon.start();
}

void SyncController::tick()
{
    if (m_queued.load() > 0)
        return;  // the one in flight will report
    run([node = m_node.has_value()](SyncEngine& engine) {
        return node ? engine.push(false, std::time(nullptr)) : SyncReport{};
    }, {});
}

void SyncController::run(std::function<SyncReport(SyncEngine&)> work, const QString& studyUid)
{
    ++m_queued;
    auto worker = m_worker;
    const QString nodeName = m_node ? QString::fromStdString(nodeLabel(*m_node)) : QString();
    runInBackground(this, [this, worker, work, studyUid, nodeName]() -> GuiContinuation {
        QString text;
        bool problem = false;
        bool changed = false, statesChanged = false, objects = false;
        try {
            worker->open();
            const SyncReport report = work(*worker->engine);
            changed = report.pulled > 0;
            objects = report.pulledObjects > 0;
            statesChanged = report.pushedObjects > 0 || report.failed > 0;
            if (!report.errors.empty())
                worker->lastError = report.errors.back();
            else if (report.pushedObjects > 0 || report.pulled > 0 || !studyUid.isEmpty())
                worker->lastError.clear();
            const long long pending = worker->engine->pendingChanges();
            if (!nodeName.isEmpty() && worker->lastError.empty())
                text = pending ? tr("Sync: %1 pending for %2").arg(pending).arg(nodeName) : tr("Sync: up to date with %1").arg(nodeName);
            else if (!nodeName.isEmpty())
                text = tr("Sync: %1 pending, retrying: %2").arg(pending).arg(QString::fromStdString(worker->lastError));
            else
                text = tr("Sync: %1 pending (no PACS set up for sync)").arg(pending);
            problem = !worker->lastError.empty();
        } catch (const std::exception& e) {
            text = tr("Sync: %1").arg(QString::fromUtf8(e.what()));
            problem = true;
        }
        return [this, text, problem, changed, statesChanged, objects, studyUid] {
            --m_queued;
            m_status = text;
            m_statusProblem = problem;
            emit statusChanged(text, problem);
            if (changed && !studyUid.isEmpty())
                emit studyChanged(studyUid);
            if (objects && !studyUid.isEmpty())
                emit objectsArrived(studyUid);
            if (statesChanged)
                emit syncStatesChanged();
        };
    }, {}, &m_pool);
}

} // namespace hf::gui
