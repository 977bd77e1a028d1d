#include "ReceiverService.h"

#include "BackgroundJob.h"

#include "hf/annotations/CacheDatabase.h"
#include "hf/annotations/CacheImporter.h"
#include "hf/dicomio/net/StorageScp.h"

#include <QFileInfo>
#include <QTimer>

#include <map>

namespace hf::gui {

ReceiverService::ReceiverService(QString dbPath, QObject* parent)
    : QObject(parent)
    , m_dbPath(std::move(dbPath))
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
                                QString& error)
{
    if (aeTitle == m_aeTitle && port == m_port && allowed == m_allowed && tls == m_tls && (m_scp != nullptr) == (port > 0))
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
    if (port <= 0) {
        indexArrivals();  // what came before it stopped
        m_timer->stop();
        return true;
    }
    const std::string folder = QFileInfo(m_dbPath).absolutePath().toStdString() + "/received";
    auto scp = std::make_unique<StorageScp>(aeTitle.toStdString(), port, folder);
    scp->setAllowedCallingAeTitles(allowed);
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

void ReceiverService::indexArrivals()
{
    if (m_indexing)
        return;  // the batch before is still being indexed
    std::vector<std::string> batch = std::move(m_retry);
    m_retry.clear();
    if (m_scp)
        for (std::string& file : m_scp->takeStored())
            batch.push_back(std::move(file));
    if (batch.empty())
        return;
    m_indexing = true;
    runInBackground(
        this,
        [this, batch, db = m_dbPath.toStdString()]() -> GuiContinuation {
            CacheDatabase database(db);
            const ImportResult imported = CacheImporter(database).import(batch);
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
        [this, batch](const QString&) {
            // Kept on disk and tried again with the next arrivals.
            m_indexing = false;
            m_retry.insert(m_retry.end(), batch.begin(), batch.end());
        });
}

} // namespace hf::gui
