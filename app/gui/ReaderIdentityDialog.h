#pragma once
// Who reads at this workstation: the name (author of annotations, observer in SR and GSPS) and
// the hospital user ID (the audit trail's active participant). Asked at the first interactive
// start; File > Reader identity changes it (from the next start).
#include "UserIdentity.h"

#include <QDialog>

class QLineEdit;

namespace hf::gui {

class ReaderIdentityDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReaderIdentityDialog(const app::UserIdentity& current, QWidget* parent = nullptr);
    app::UserIdentity identity() const;

private:
    QLineEdit* m_name;
    QLineEdit* m_id;
};

} // namespace hf::gui
