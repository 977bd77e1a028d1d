#include "PacsReactions.h"

#include "NodeSettingsDialog.h"
#include "ReaderIdentityDialog.h"
#include "ReceiverService.h"
#include "StatusPanel.h"
#include "SyncController.h"
#include "TransferQueue.h"
#include "Workstation.h"

#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StudyListWidget.h"
#include "hf/viewer/ViewportGrid.h"

#include <QInputDialog>
#include <QMenu>
#include <QSettings>

namespace hf::gui {

PacsReactions::PacsReactions(Workstation& station, StatusPanel& status, ViewportGrid& grid, StudyListWidget& list,
                             QWidget* dialogParent)
    : QObject(dialogParent)
    , m_station(station)
    , m_status(status)
    , m_grid(grid)
    , m_list(list)
    , m_dialogParent(dialogParent)
{
    SyncController& sync = station.sync();
    m_status.setSyncStatus(sync.status(), sync.statusIsProblem());
    connect(&sync, &SyncController::statusChanged, &m_status, &StatusPanel::setSyncStatus);

    TransferQueue& transfers = station.transfers();
    connect(&m_status, &StatusPanel::stopTransferRequested, &transfers, &TransferQueue::cancelCurrent);
    connect(&transfers, &TransferQueue::progress, this, [this](const QString& label, int done, int expected, int waiting) {
        m_status.showTransfer(done, expected);
        m_status.say(waiting ? tr("%1 (%2 more waiting)").arg(label).arg(waiting) : label);
    });
    auto transferDone = [this, &transfers](const QString& message) {
        m_status.say(message);
        if (transfers.waiting() == 0)
            m_status.hideTransfer();
    };
    connect(&transfers, &TransferQueue::retrieved, this, [transferDone](const QString&, bool, const QString& message) { transferDone(message); });
    connect(&transfers, &TransferQueue::sent, this, [transferDone](const QString&, bool, const QString& message) { transferDone(message); });
    // The receiver that cannot listen (its port taken) says so when the window opens and when set.
    const auto receiverProblem = [this] {
        if (!m_station.receiverProblem().isEmpty())
            m_status.say(m_station.receiverProblem());
    };
    receiverProblem();
    connect(&m_station, &Workstation::nodeSettingsChanged, this, receiverProblem);
    connect(&m_station.receiver(), &ReceiverService::commitmentReported, this, [this](const QString& what) { m_status.say(what); });
    connect(&m_station.receiver(), &ReceiverService::refusedForRoom, this, [this](int instances, const QString& why) {
        m_status.say(tr("The receiver has refused %1 instance(s) so far: %2").arg(instances).arg(why));
    });
}

void PacsReactions::addFileActions(QMenu& file)
{
    file.addAction(tr("PACS &nodes..."), this, &PacsReactions::openNodeSettings);
    file.addAction(tr("Reader identity..."), this, [this] {
        QSettings settings;
        ReaderIdentityDialog dialog(app::UserIdentity::load(settings), m_dialogParent);
        if (dialog.exec() == QDialog::Accepted) {
            dialog.identity().save(settings);
            m_status.say(tr("Reader identity saved: it signs from the next start"));
        }
    });
}

void PacsReactions::addStudyActions(QMenu& study)
{
    study.addAction(tr("Send to PACS node..."), this, &PacsReactions::sendStudy);
}

void PacsReactions::openNodeSettings()
{
    NodeSettingsDialog dialog(m_station.nodes(), m_dialogParent);
    if (dialog.exec() == QDialog::Accepted) {
        m_station.setNodeSettings(dialog.settings());
        m_status.say(tr("PACS nodes saved"));
    }
}

void PacsReactions::sendStudy()
{
    // The study selected in the local list, else the one the active view shows.
    const QString studyUid = !m_list.source().isEmpty() || m_list.selectedStudyUid().isEmpty()
                                 ? m_grid.activeView()->studyUid()
                                 : m_list.selectedStudyUid();
    const QStringList names = m_station.nodeNames();
    if (studyUid.isEmpty() || names.isEmpty()) {
        m_status.say(names.isEmpty() ? tr("No PACS node yet: File > PACS nodes") : tr("Select or open a study first"));
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getItem(m_dialogParent, tr("Send study"), tr("Send to:"), names, 0, false, &ok);
    if (const auto node = ok ? m_station.nodes().node(name) : std::nullopt)
        m_station.transfers().send(*node, studyUid, tr("Sending to %1").arg(name));
}

} // namespace hf::gui
