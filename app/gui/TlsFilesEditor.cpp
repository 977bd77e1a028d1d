#include "TlsFilesEditor.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace hf::gui {

TlsFilesEditor::TlsFilesEditor(const QString& objectPrefix, QFormLayout* form, QWidget* owner)
    : QObject(owner)
    , m_owner(owner)
{
    m_certificate = addFileRow(form, tr("TLS certificate"), objectPrefix + "-cert", tr("PEM; empty: no TLS unless a CA is given"));
    m_privateKey = addFileRow(form, tr("TLS private key"), objectPrefix + "-key", tr("PEM, unencrypted"));
    m_trustedCa = addFileRow(form, tr("Trusted CAs"), objectPrefix + "-ca", tr("PEM; the peer's certificate must be signed by one"));
}

QLineEdit* TlsFilesEditor::addFileRow(QFormLayout* form, const QString& label, const QString& objectName, const QString& placeholder)
{
    auto* field = new QLineEdit;
    field->setObjectName(objectName);
    field->setPlaceholderText(placeholder);
    connect(field, &QLineEdit::textChanged, this, &TlsFilesEditor::edited);
    auto* browse = new QPushButton(tr("Browse..."));
    connect(browse, &QPushButton::clicked, this, [this, field, label] {
        const QString file = QFileDialog::getOpenFileName(m_owner, label, field->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!file.isEmpty())
            field->setText(file);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(field, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return field;
}

void TlsFilesEditor::setTls(const TlsSettings& tls)
{
    m_certificate->setText(QString::fromStdString(tls.certificateFile));
    m_privateKey->setText(QString::fromStdString(tls.privateKeyFile));
    m_trustedCa->setText(QString::fromStdString(tls.trustedCaFile));
}

TlsSettings TlsFilesEditor::tls() const
{
    TlsSettings tls;
    tls.certificateFile = m_certificate->text().trimmed().toStdString();
    tls.privateKeyFile = m_privateKey->text().trimmed().toStdString();
    tls.trustedCaFile = m_trustedCa->text().trimmed().toStdString();
    return tls;
}

} // namespace hf::gui
