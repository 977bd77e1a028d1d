#pragma once
// Retrievals from and sends to PACS nodes, one at a time in the order asked, on a background
// thread with its own cache connection: progress (instances of expected) for the status bar,
// cancel of the running one, the count still waiting. A retrieval lands in the cache (see
// CacheRetriever: partial ones are marked and resumed); the study can open when it is done.
#include "hf/dicomio/net/PacsNode.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace hf::app {
class AuditTrail;
}

namespace hf::gui {

class TransferQueue : public QObject {
    Q_OBJECT
public:
    // Each retrieval and send is recorded in `audit` (DICOM Instances Transferred).
    TransferQueue(QString dbPath, std::shared_ptr<app::AuditTrail> audit, QObject* parent = nullptr);
    ~TransferQueue() override;

    // whenDone (optional) is called on `receiver` once the retrieval ended, if it still exists:
    // the window that asked opens the study; every window hears retrieved(). whileArriving
    // (optional), on `receiver` too, after each batch of instances is indexed: the series, its
    // instances in the cache, how many the node has (a study opens while it arrives).
    using ArrivalReport = std::function<void(const QString& seriesUid, int inCache, int expected)>;
    void retrieve(const PacsNode& node, const QString& studyUid, const QString& seriesUid, const QString& label,
                  QObject* receiver = nullptr, std::function<void(bool ok)> whenDone = {}, ArrivalReport whileArriving = {});
    // The series on screen: a retrieval fetches it next if it still has it to fetch.
    void setWantedSeries(const QString& seriesUid);
    void send(const PacsNode& node, const QString& studyUid, const QString& label);
    void cancelCurrent();
    int waiting() const { return m_waiting->load(); }
    void waitForIdle();
    // Called on the transfer's own thread with each instance done (before the node hears that
    // it was stored): what a test watches a transfer by, or holds one still at to look at it
    // midway. Set before transfers start.
    void observeProgress(std::function<void(int done, int expected)> observer) { m_observer = std::move(observer); }

signals:
    void progress(const QString& label, int done, int expected, int waiting);
    void retrieved(const QString& studyUid, bool ok, const QString& message);
    void sent(const QString& studyUid, bool ok, const QString& message);

private:
    template <class Job> void post(const QString& label, Job job);

    QString m_dbPath;
    std::shared_ptr<app::AuditTrail> m_audit;
    QThreadPool m_pool;  // one thread: transfers run in order
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<int>> m_waiting;
    std::function<void(int, int)> m_observer;
    struct WantedSeries {
        std::mutex lock;
        std::string uid;
    };
    std::shared_ptr<WantedSeries> m_wanted = std::make_shared<WantedSeries>();
};

} // namespace hf::gui
