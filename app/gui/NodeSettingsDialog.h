#pragma once
// Settings > PACS nodes: the remote nodes (name; AE title, host and port for DIMSE or a base
// URL with an optional Authorization header for DICOMweb; TLS files), our own AE title and
// storage port, the always-on receiver (its port, whether it is free, its TLS files, and what
// the PACS must be told), and the node the annotations sync with. Test runs C-ECHO or QIDO-RS and probes what the
// node supports, in the background, and says exactly what failed.
#include "NodeSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace hf::gui {

class TlsFilesEditor;

class NodeSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit NodeSettingsDialog(NodeSettings settings, QWidget* parent = nullptr);
    NodeSettings settings() const;
    // The Test button's report, once it came back (tests read it).
    QString testReport() const;
    // The receiver's port check and the words for the PACS administrator (tests read it).
    QString receiverAdvice() const;
    // Selects (creating if needed) the node form for tests and scripts.
    void editNode(int index);

signals:
    void tested();

private:
    void showNode(int index);
    void storeNode();
    void test();
    void describeReceiver();

    NodeSettings m_settings;
    int m_current = -1;
    QListWidget* m_list;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_aeTitle;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_url;
    QLineEdit* m_authorization;
    QDoubleSpinBox* m_timeout;
    QSpinBox* m_maxResults;
    TlsFilesEditor* m_nodeTls;
    QLineEdit* m_ourAe;
    QSpinBox* m_storagePort;
    QSpinBox* m_keepFree;
    QSpinBox* m_receiverPort;
    QCheckBox* m_receiverAcceptsAny;
    TlsFilesEditor* m_receiverTls;
    QLabel* m_receiverAdvice;  // port free or taken, and what the PACS must be told
    QComboBox* m_syncNode;
    QPushButton* m_test;
    QPlainTextEdit* m_report;
};

} // namespace hf::gui
