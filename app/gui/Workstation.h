#pragma once
// The composition root: built once in main() (tests build their own), it owns the services that
// every window of the process shares: the local cache's tasks, the annotation controller with
// its one undo history, the PACS sync (one timer, one engine), the transfer queue, the PACS node
// settings and the presets. Windows receive it and never build services, so two windows on one
// cache see each other's changes and the PACS gets each change once. Lives on the GUI thread.
#include "NodeSettings.h"
#include "UserIdentity.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace hf::app {
class AuditTrail;
}

namespace hf::protocols {
class ProtocolLibrary;
}

namespace hf::gui {

class AnnotationController;
class CacheTasks;
class PresetLibrary;
class SyncController;
class ReceiverService;
class TransferQueue;
struct GuiOptions;

class Workstation : public QObject {
    Q_OBJECT
public:
    // options: the cache (--db) and --sync-node, which overrides the node chosen in `nodes`.
    // `user`: the reader, author of annotations and active participant of the audit trail
    // (written to options.auditLog, else audit.log beside the cache).
    Workstation(const GuiOptions& options, NodeSettings nodes, const PresetLibrary& presets, app::UserIdentity user,
                QObject* parent = nullptr);
    ~Workstation() override;

    const QString& dbPath() const { return m_dbPath; }
    const PresetLibrary& presets() const { return m_presets; }
    CacheTasks& cache() { return *m_cache; }
    AnnotationController& annotations() { return *m_annotations; }
    SyncController& sync() { return *m_sync; }
    TransferQueue& transfers() { return *m_transfers; }
    ReceiverService& receiver() { return *m_receiver; }
    // Shared with background jobs, which may finish after a window closes.
    const std::shared_ptr<app::AuditTrail>& audit() const { return m_audit; }
    const app::UserIdentity& user() const { return m_user; }
    // Why the receiver is not listening as set ("" when it is, or is off).
    const QString& receiverProblem() const { return m_receiverProblem; }

    const NodeSettings& nodes() const { return m_nodes; }
    // The hanging protocols (built in and the reader's folder), read again after one is saved.
    const protocols::ProtocolLibrary& protocols() const { return *m_protocols; }
    void reloadProtocols();
    QStringList nodeNames() const;
    // Settings > PACS nodes: kept in the user's settings and applied at once (the sync node too).
    void setNodeSettings(const NodeSettings& nodes);
    // A window opened beside the first: closed with the Workstation at the latest, so no window
    // outlives the services it uses (it may also close, and be deleted, before).
    void adoptWindow(QObject* window);

signals:
    void nodeSettingsChanged();

private:
    std::optional<PacsNode> syncNode() const;
    void applyReceiverSettings();

    QString m_dbPath, m_syncNodeOverride;
    app::UserIdentity m_user;
    std::shared_ptr<app::AuditTrail> m_audit;
    NodeSettings m_nodes;
    const PresetLibrary& m_presets;
    QString m_protocolFolder;
    std::unique_ptr<protocols::ProtocolLibrary> m_protocols;
    std::unique_ptr<CacheTasks> m_cache;
    AnnotationController* m_annotations;
    SyncController* m_sync;
    TransferQueue* m_transfers;
    ReceiverService* m_receiver;
    QString m_receiverProblem;
    std::vector<QPointer<QObject>> m_windows;
};

} // namespace hf::gui
