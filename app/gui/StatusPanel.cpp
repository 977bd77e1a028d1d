#include "StatusPanel.h"

#include "hf/viewer/ProblemsDialog.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

namespace hf::gui {

StatusPanel::StatusPanel(QStatusBar& bar, QWidget* dialogParent)
    : QObject(&bar)
    , m_dialogParent(dialogParent)
    , m_message(new QLabel)
    , m_probe(new QLabel)
    , m_sync(new QLabel)
    , m_transferProgress(new QProgressBar)
    , m_transferStop(new QToolButton)
    , m_problemsButton(new QToolButton)
    , m_progress(new QProgressBar)
    , m_cancel(new QToolButton)
{
    bar.addWidget(m_message, 1);
    bar.addWidget(m_probe, 1);
    bar.addPermanentWidget(m_sync);
    m_transferProgress->setObjectName("transfer-progress");
    m_transferProgress->setMaximumWidth(180);
    m_transferProgress->setFormat("%v/%m");
    m_transferProgress->hide();
    m_transferStop->setText(tr("Stop transfer"));
    m_transferStop->setToolTip(tr("Cancel the retrieval or send in progress (what arrived stays, marked partial)"));
    m_transferStop->hide();
    bar.addPermanentWidget(m_transferProgress);
    bar.addPermanentWidget(m_transferStop);
    m_problemsButton->setVisible(false);
    bar.addPermanentWidget(m_problemsButton);
    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setVisible(false);
    bar.addPermanentWidget(m_progress);
    bar.addPermanentWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &StatusPanel::cancelRequested);
    connect(m_transferStop, &QToolButton::clicked, this, &StatusPanel::stopTransferRequested);
    connect(m_problemsButton, &QToolButton::clicked, this, [this] {
        auto* dialog = new ProblemsDialog(m_dialogParent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setProblems(m_problems);
        dialog->show();
    });
}

void StatusPanel::say(const QString& message) { m_message->setText(message); }

QString StatusPanel::message() const { return m_message->text(); }

void StatusPanel::setProbe(const QString& text) { m_probe->setText(text); }

void StatusPanel::showProgress(const QString& format, qint64 done, qint64 total)
{
    m_progress->setVisible(true);
    m_cancel->setVisible(true);
    m_progress->setFormat(format);
    m_progress->setRange(0, int(total));
    m_progress->setValue(int(done));
}

void StatusPanel::hideProgress()
{
    m_progress->setVisible(false);
    m_cancel->setVisible(false);
}

void StatusPanel::setSyncStatus(const QString& text, bool problem)
{
    m_sync->setText(text);
    m_sync->setStyleSheet(problem ? "color: #c0392b" : "");
}

QString StatusPanel::syncStatus() const { return m_sync->text(); }

void StatusPanel::showTransfer(int done, int expected)
{
    m_transferProgress->setMaximum(std::max(expected, 1));
    m_transferProgress->setValue(std::min(done, std::max(expected, 1)));
    m_transferProgress->show();
    m_transferStop->show();
}

void StatusPanel::hideTransfer()
{
    m_transferProgress->hide();
    m_transferStop->hide();
}

void StatusPanel::setProblems(const QStringList& problems)
{
    m_problems = problems;
    m_problemsButton->setText(problems.size() == 1 ? tr("1 file could not be read")
                                                   : tr("%1 files could not be read").arg(problems.size()));
    m_problemsButton->setToolTip(problems.mid(0, 5).join('\n'));
    m_problemsButton->setVisible(!problems.isEmpty());
}

} // namespace hf::gui
