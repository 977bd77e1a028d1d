#pragma once
// The study list's remote side: queries to a PACS node (C-FIND or QIDO-RS) on Qt's thread pool,
// answered as study and series rows like the cache's (location: the node's name). A newer query
// makes older answers stale; they are dropped. The GUI thread never waits on the network.
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/net/PacsNode.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace hf::app {
class AuditTrail;
}

namespace hf::gui {

class RemoteTasks : public QObject {
    Q_OBJECT
public:
    // Each query is recorded in `audit` (Query, with its keys).
    explicit RemoteTasks(std::shared_ptr<app::AuditTrail> audit, QObject* parent = nullptr);
    ~RemoteTasks() override;

    void queryStudies(const PacsNode& node, const hf::StudyFilter& filter);
    void querySeries(const PacsNode& node, const QString& studyUid);

signals:
    // moreMatch: the node has more matches than a query reads (RemoteQuery::maxRecords).
    void studiesReady(std::vector<hf::StudyRow> rows, bool moreMatch);
    void seriesReady(const QString& studyUid, std::vector<hf::SeriesRow> series);
    void failed(const QString& reason);

private:
    std::shared_ptr<app::AuditTrail> m_audit;
    std::shared_ptr<std::atomic<int>> m_generation;
};

} // namespace hf::gui
