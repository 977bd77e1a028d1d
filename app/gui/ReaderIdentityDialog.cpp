#include "ReaderIdentityDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hf::gui {

ReaderIdentityDialog::ReaderIdentityDialog(const app::UserIdentity& current, QWidget* parent)
    : QDialog(parent)
    , m_name(new QLineEdit(current.name))
    , m_id(new QLineEdit(current.id))
{
    setWindowTitle(tr("Reader identity"));
    setObjectName("reader-identity");
    m_name->setObjectName("reader-name");
    m_id->setObjectName("reader-id");
    m_name->setPlaceholderText(tr("e.g. Dr A. Reader"));
    m_id->setPlaceholderText(app::UserIdentity::loginName());
    auto* why = new QLabel(tr("Your name signs your annotations and reports; your user ID is recorded in the audit trail "
                              "with every study you open, send or export."));
    why->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("User ID"), m_id);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(why);
    layout->addLayout(form);
    layout->addWidget(buttons);
    const auto allowOk = [this, buttons] { buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_name->text().trimmed().isEmpty()); };
    connect(m_name, &QLineEdit::textChanged, this, allowOk);
    allowOk();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

app::UserIdentity ReaderIdentityDialog::identity() const
{
    app::UserIdentity identity;
    identity.name = m_name->text().trimmed();
    identity.id = m_id->text().trimmed().isEmpty() ? app::UserIdentity::loginName() : m_id->text().trimmed();
    return identity;
}

} // namespace hf::gui
