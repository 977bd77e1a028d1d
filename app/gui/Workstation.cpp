#include "Workstation.h"

#include "AnnotationController.h"
#include "AuditTrail.h"
#include "CacheTasks.h"
#include "GuiOptions.h"
#include "PresetLibrary.h"
#include "ProtocolLibrary.h"
#include "SyncController.h"
#include "ReceiverService.h"
#include "TransferQueue.h"

#include <QSettings>

namespace hf::gui {

Workstation::Workstation(const GuiOptions& options, NodeSettings nodes, const PresetLibrary& presets, app::UserIdentity user,
                         QObject* parent)
    : QObject(parent)
    , m_dbPath(options.db)
    , m_syncNodeOverride(options.syncNode)
    , m_user(std::move(user))
    , m_audit(std::make_shared<app::AuditTrail>(options.auditLog.isEmpty() ? app::defaultAuditLogPath(options.db) : options.auditLog, m_user,
                                                nodes.ourAeTitle))
    , m_nodes(std::move(nodes))
    , m_presets(presets)
    , m_protocolFolder(options.protocolFolder)
    , m_cache(std::make_unique<CacheTasks>(m_dbPath))
    , m_annotations(new AnnotationController(m_dbPath, m_user.author(), this))
    , m_sync(new SyncController(m_dbPath, m_user.author(), syncNode(), this))
    , m_transfers(new TransferQueue(m_dbPath, m_audit, this))
    , m_receiver(new ReceiverService(m_dbPath, m_audit, this))
{
    applyReceiverSettings();
    // What was saved reaches the PACS a few seconds later, whichever window saved it.
    connect(m_annotations, &AnnotationController::saved, m_sync, &SyncController::localChange);
    connect(m_sync, &SyncController::studyChanged, m_annotations, &AnnotationController::reloadAll);
    connect(m_sync, &SyncController::syncStatesChanged, m_annotations, &AnnotationController::reloadAll);
    reloadProtocols();
}

void Workstation::applyReceiverSettings()
{
    m_receiverProblem.clear();
    if (m_nodes.receiverPort > 0 && m_nodes.receiverPort == m_nodes.storagePort) {
        m_receiverProblem = tr("The receiver is not listening: its port %1 is the C-MOVE storage port").arg(m_nodes.receiverPort);
        QString ignored;
        m_receiver->configure(m_nodes.ourAeTitle, 0, {}, {}, 0, ignored);
        return;
    }
    std::vector<PacsNode> replyNodes;
    for (const PacsNode& n : m_nodes.nodes)
        if (const auto node = m_nodes.node(QString::fromStdString(n.name)))
            replyNodes.push_back(*node);  // with our AE title as the caller
    m_receiver->setCommitmentNodes(std::move(replyNodes));
    QString error;
    if (!m_receiver->configure(m_nodes.ourAeTitle, m_nodes.receiverPort, m_nodes.receiverAllowed(), m_nodes.receiverTls,
                               m_nodes.keepFreeBytes(), error))
        m_receiverProblem = tr("The receiver is not listening: %1").arg(error);
}

void Workstation::reloadProtocols()
{
    QStringList presets;
    for (const auto& p : m_presets.windowPresets())
        presets << p.name;
    m_protocols = std::make_unique<protocols::ProtocolLibrary>(m_protocolFolder, presets);
}

Workstation::~Workstation()
{
    for (const QPointer<QObject>& window : m_windows)
        delete window.data();
}

void Workstation::adoptWindow(QObject* window)
{
    m_windows.emplace_back(window);
}

// --sync-node, else the node chosen in Settings > PACS nodes; none (nothing sent) when neither.
std::optional<PacsNode> Workstation::syncNode() const
{
    const QString name = !m_syncNodeOverride.isEmpty() ? m_syncNodeOverride : m_nodes.syncNode;
    return name.isEmpty() ? std::nullopt : m_nodes.node(name);
}

QStringList Workstation::nodeNames() const
{
    QStringList names;
    for (const PacsNode& n : m_nodes.nodes)
        names << QString::fromStdString(n.name);
    return names;
}

void Workstation::setNodeSettings(const NodeSettings& nodes)
{
    m_nodes = nodes;
    QSettings settings;
    m_nodes.save(settings);
    m_sync->setNode(syncNode());
    applyReceiverSettings();
    emit nodeSettingsChanged();
}

} // namespace hf::gui
