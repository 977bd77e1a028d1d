#pragma once
// The workstation's side of the PACS sync: runs SyncEngine on its own thread and connection to
// the cache, every few seconds (the engine's backoff decides whether a failed batch is tried
// again), soon after a local change, and for a study when it is opened (pull, then push).
// Says in the status bar how many changes wait and why, when the node does not answer. The GUI
// thread never waits on it.
#include "hf/dicomio/net/PacsNode.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace hf {
class SyncEngine;
struct SyncReport;
}

namespace hf::gui {

class SyncController : public QObject {
    Q_OBJECT
public:
    // Without a node nothing is sent; the pending count is still shown.
    SyncController(QString dbPath, QString author, std::optional<PacsNode> node, QObject* parent = nullptr);
    ~SyncController() override;

    // A node chosen in the settings applies at once: what waits goes to it without waiting out
    // the backoff earned against the previous one. Nothing: stop sending.
    void setNode(std::optional<PacsNode> node);
    void studyOpened(const QString& studyUid);
    void localChange();
    void waitForIdle();
    // The status as last reported (a window opened later starts from it).
    const QString& status() const { return m_status; }
    bool statusIsProblem() const { return m_statusProblem; }

signals:
    void statusChanged(const QString& text, bool problem);
    // The pull changed annotations, tags, key images or notes of this study.
    void studyChanged(const QString& studyUid);
    // The pull brought other producers' objects of this study into the cache.
    void objectsArrived(const QString& studyUid);
    // A push confirmed or failed something: the annotations' sync states changed.
    void syncStatesChanged();

private:
    struct Worker;
    void tick();
    void run(std::function<SyncReport(SyncEngine&)> work, const QString& studyUid);

    std::optional<PacsNode> m_node;
    QThreadPool m_pool;  // one thread
    QTimer m_timer, m_soon;
    std::shared_ptr<Worker> m_worker;
    std::atomic<int> m_queued{0};
    QString m_status;
    bool m_statusProblem = false;
    QHash<QString, qint64> m_lastPull;  // study -> when it was last pulled (ms since epoch)
};

} // namespace hf::gui
