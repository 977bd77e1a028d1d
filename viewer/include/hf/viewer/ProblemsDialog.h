#pragma once
// Lists the files that could not be read or decoded, each with its reason, so a reader knows
// exactly which images are missing from what is shown. GUI thread only.
#include <QDialog>

class QListWidget;

namespace hf {

class ProblemsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ProblemsDialog(QWidget* parent = nullptr);
    // Lines of "file: reason".
    void setProblems(const QStringList& problems);

private:
    QListWidget* m_list;
};

} // namespace hf
