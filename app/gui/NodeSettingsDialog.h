#pragma once
// Settings > PACS nodes: the remote nodes (name; AE title, host and port for DIMSE or a base
// URL with an optional Authorization header for DICOMweb), our own AE title and storage port,
// and the node the annotations sync with. Test runs C-ECHO or QIDO-RS and probes what the
// node supports, in the background, and says exactly what failed.
#include "NodeSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace hf::gui {

class NodeSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit NodeSettingsDialog(NodeSettings settings, QWidget* parent = nullptr);
    NodeSettings settings() const;
    // The Test button's report, once it came back (tests read it).
    QString testReport() const;
    // Selects (creating if needed) the node form for tests and scripts.
    void editNode(int index);

signals:
    void tested();

private:
    void showNode(int index);
    void storeNode();
    void test();

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
    QLineEdit* m_ourAe;
    QSpinBox* m_storagePort;
    QSpinBox* m_receiverPort;
    QCheckBox* m_receiverAcceptsAny;
    QComboBox* m_syncNode;
    QPushButton* m_test;
    QPlainTextEdit* m_report;
};

} // namespace hf::gui
