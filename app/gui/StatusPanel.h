#pragma once
// The main window's status bar: the last message, the value under the mouse, the sync state,
// a transfer's progress with "Stop transfer", the files that could not be read, and the load or
// export progress with "Cancel". Reactions report through it; it does nothing on its own.
#include <QObject>
#include <QStringList>

class QLabel;
class QProgressBar;
class QStatusBar;
class QToolButton;
class QWidget;

namespace hf::gui {

class StatusPanel : public QObject {
    Q_OBJECT
public:
    StatusPanel(QStatusBar& bar, QWidget* dialogParent);

    void say(const QString& message);
    QString message() const;
    void setProbe(const QString& text);

    // format: QProgressBar's, e.g. "Loading images %v/%m".
    void showProgress(const QString& format, qint64 done, qint64 total);
    void hideProgress();

    void setSyncStatus(const QString& text, bool problem);
    QString syncStatus() const;

    void showTransfer(int done, int expected);
    void hideTransfer();

    // "file: reason" for every file that could not be read or decoded (a button opens the list).
    void setProblems(const QStringList& problems);

signals:
    void cancelRequested();
    void stopTransferRequested();

private:
    QWidget* m_dialogParent;
    QLabel* m_message;
    QLabel* m_probe;
    QLabel* m_sync;
    QProgressBar* m_transferProgress;
    QToolButton* m_transferStop;
    QToolButton* m_problemsButton;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QStringList m_problems;
};

} // namespace hf::gui
