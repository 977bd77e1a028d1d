#pragma once
// Three file rows with Browse buttons added to a form: our certificate, our private key and the
// trusted CAs of one TLS link (a node, or the receiver). Empty fields: clear text.
#include "hf/dicomio/net/TlsSettings.h"

#include <QObject>

class QFormLayout;
class QLineEdit;
class QWidget;

namespace hf::gui {

class TlsFilesEditor : public QObject {
    Q_OBJECT
public:
    // `objectPrefix` names the fields for tests ("node-tls" → "node-tls-cert", "-key", "-ca");
    // `owner` parents the file dialogs.
    TlsFilesEditor(const QString& objectPrefix, QFormLayout* form, QWidget* owner);
    void setTls(const TlsSettings& tls);
    TlsSettings tls() const;

signals:
    void edited();

private:
    QLineEdit* addFileRow(QFormLayout* form, const QString& label, const QString& objectName, const QString& placeholder);
    QWidget* m_owner;
    QLineEdit* m_certificate;
    QLineEdit* m_privateKey;
    QLineEdit* m_trustedCa;
};

} // namespace hf::gui
