#include "ReceiverService.h"

#include "ArrivalAudit.h"
#include "AuditEvents.h"
#include "BackgroundJob.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/dicomio/net/StorageScp.h"

#include <QFileInfo>
#include <QTimer>

#include <map>

namespace hf::gui {

ReceiverService::ReceiverService(QString dbPath, std::shared_ptr<app::AuditTrail> audit, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
    , m_audit(std::move(audit))
    , m_arrivals(std::make_shared<app::ArrivalAudit>())
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(300);
    connect(m_timer, &QTimer::timeout, this, &ReceiverService::indexArrivals);
}

ReceiverService::~ReceiverService()
{
    if (m_scp)
        m_scp->stop();
}

bool ReceiverService::configure(const QString& aeTitle, int port, const std::set<std::string>& allowed, const TlsSettings& tls,
                                std::uint64_t keepFreeBytes, QString& error)
{
    if (aeTitle == m_aeTitle && port == m_port && allowed == m_allowed && tls == m_tls && keepFreeBytes == m_keepFree &&
        (m_scp != nullptr) == (port > 0))
        return true;
    if (m_scp) {
        m_scp->stop();
        for (std::string& file : m_scp->takeStored())  // still indexed, by the next receiver or none
            m_retry.push_back(std::move(file));
        m_scp.reset();
    }
    m_aeTitle = aeTitle;
    m_port = port;
    m_allowed = allowed;
    m_tls = tls;
    m_keepFree = keepFreeBytes;
    if (port <= 0) {
        indexArrivals();  // what came before it stopped
        m_timer->stop();
        return true;
    }
    const std::string folder = QFileInfo(m_dbPath).absolutePath().toStdString() + "/received";
    auto scp = std::make_unique<StorageScp>(aeTitle.toStdString(), port, folder);
    scp->setAllowedCallingAeTitles(allowed);
    scp->setKeepFree(keepFreeBytes);
    scp->setCommitmentReplies([replies = m_commitmentNodes](const std::string& caller) -> std::optional<PacsNode> {
        const std::lock_guard<std::mutex> guard(replies->lock);
        for (const PacsNode& n : replies->nodes)
            if (n.kind == PacsNode::Kind::Dimse && n.calledAeTitle == caller)
                return n;
        return std::nullopt;
    });
    if (tls.enabled())
        scp->setTls(tls);
    std::string why;
    if (!scp->start(why)) {
        error = QString::fromStdString(why);
        m_port = 0;
        return false;
    }
    m_scp = std::move(scp);
    m_timer->start();
    return true;
}

void ReceiverService::setCommitmentNodes(std::vector<PacsNode> nodes)
{
    const std::lock_guard<std::mutex> guard(m_commitmentNodes->lock);
    m_commitmentNodes->nodes = std::move(nodes);
}

void ReceiverService::indexArrivals()
{
    if (m_indexing)
        return;  // the batch before is still being indexed
    std::vector<std::string> batch = std::move(m_retry);
    m_retry.clear();
    if (m_scp) {
        for (const StorageScp::Refusal& refused : m_scp->takeRefusals())
            m_audit->post(app::refusalAlert(refused));
        for (const std::string& report : m_scp->takeCommitmentReports())
            emit commitmentReported(QString::fromStdString(report));
        if (const StorageScp::RoomRefusals refused = m_scp->takeRoomRefusals(); refused.instances > 0) {
            m_refusedForRoom += refused.instances;
            emit refusedForRoom(m_refusedForRoom, QString::fromStdString(refused.reason));
        }
        // Associations first: their files are then in this batch or an earlier one.
        for (StorageScp::Association& ended : m_scp->takeFinishedAssociations())
            m_ended.push_back(std::move(ended));
        for (std::string& file : m_scp->takeStored())
            batch.push_back(std::move(file));
    }
    if (batch.empty() && m_ended.empty())
        return;
    m_indexing = true;
    std::vector<StorageScp::Association> ended = std::move(m_ended);
    m_ended.clear();
    runInBackground(
        this,
        // One job at a time (m_indexing), so the arrivals' record is never shared between threads.
        [this, batch, ended, db = m_dbPath.toStdString(), audit = m_audit, arrivals = m_arrivals]() -> GuiContinuation {
            CacheDatabase database(db);
            const ImportResult imported = batch.empty() ? ImportResult{} : CacheImporter(database).import(batch);
            arrivals->indexed(imported.scan.frames);
            arrivals->indexed(imported.scan.objects);
            arrivals->finished(ended, *audit);
            std::map<QString, int> perStudy;
            for (const FrameHeader& f : imported.scan.frames)
                if (f.frameIndex == 0)
                    ++perStudy[QString::fromStdString(f.studyUid)];
            for (const FrameHeader& o : imported.scan.objects)
                ++perStudy[QString::fromStdString(o.studyUid)];
            return [this, perStudy, count = int(batch.size())] {
                m_indexing = false;
                QStringList studies;
                for (const auto& [study, instances] : perStudy) {
                    m_newCounts[study] += instances;
                    studies << study;
                }
                emit received(studies, count);
            };
        },
        [this, batch, ended](const QString&) {
            // Kept on disk and tried again with the next arrivals.
            m_indexing = false;
            m_retry.insert(m_retry.end(), batch.begin(), batch.end());
            m_ended.insert(m_ended.end(), ended.begin(), ended.end());
        });
}

} // namespace hf::gui
