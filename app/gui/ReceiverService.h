#pragma once
// The always-on receiver inside the workstation (one per process, the Workstation's): our
// StorageScp on the receiver port of Settings > PACS nodes, accepting the configured nodes' AE
// titles (or any, when set so); what arrives is indexed into the cache a few times a second off
// the GUI thread, and `received` says which studies grew, with how many instances arrived for
// each since the start (the study list's "new" badge). GUI thread.
#include "hf/dicomio/net/StorageScp.h"
#include "hf/dicomio/net/TlsSettings.h"

#include <QMap>
#include <QObject>
#include <QString>

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

class QTimer;

namespace hf {
class StorageScp;
}

namespace hf::app {
class ArrivalAudit;
class AuditTrail;
}

namespace hf::gui {

class ReceiverService : public QObject {
    Q_OBJECT
public:
    // Arrivals and refused associations are recorded in `audit`.
    ReceiverService(QString dbPath, std::shared_ptr<app::AuditTrail> audit, QObject* parent);
    ~ReceiverService() override;

    // Listens as `aeTitle` on `port` accepting `allowed` (empty: any), or stops (port 0); says
    // why it cannot (the port taken) in `error`. Refuses instances while the cache's disk has
    // less than `keepFreeBytes` free. Restarts only when something changed.
    bool configure(const QString& aeTitle, int port, const std::set<std::string>& allowed, const TlsSettings& tls,
                   std::uint64_t keepFreeBytes, QString& error);
    // The nodes Storage Commitment reports go to, by AE title (the configured DIMSE nodes, with
    // our AE title as caller); a running receiver uses them from its next request.
    void setCommitmentNodes(std::vector<PacsNode> nodes);
    bool listening() const { return m_scp != nullptr; }
    int port() const { return m_port; }
    // Instances received per study since the start (the study list's badge).
    const QMap<QString, int>& newCounts() const { return m_newCounts; }

signals:
    // What a Storage Commitment report did (for the status line).
    void commitmentReported(const QString& what);
    // Instances refused (Out of Resources) for want of disk room since the start, and why (for
    // the status line).
    void refusedForRoom(int instances, const QString& why);
    void received(const QStringList& studyUids, int instances);

private:
    void indexArrivals();

    QString m_dbPath;
    std::shared_ptr<app::AuditTrail> m_audit;
    // Read by the receiver's workers, replaced by the GUI thread: a running receiver follows at once.
    struct ReplyNodes {
        std::mutex lock;
        std::vector<PacsNode> nodes;
    };
    std::shared_ptr<ReplyNodes> m_commitmentNodes = std::make_shared<ReplyNodes>();
    std::shared_ptr<app::ArrivalAudit> m_arrivals;  // used by one indexing job at a time
    std::vector<StorageScp::Association> m_ended;   // associations whose events wait for an indexing job
    std::unique_ptr<StorageScp> m_scp;
    QString m_aeTitle;
    int m_port = 0;
    std::set<std::string> m_allowed;
    TlsSettings m_tls;
    std::uint64_t m_keepFree = 0;
    int m_refusedForRoom = 0;
    QTimer* m_timer;
    bool m_indexing = false;
    std::vector<std::string> m_retry;  // durable, not indexed yet (the last try failed)
    QMap<QString, int> m_newCounts;
};

} // namespace hf::gui
