#include "NodeSettingsDialog.h"

#include "BackgroundJob.h"
#include "TlsFilesEditor.h"

#include "hf/dicomio/net/ListenPort.h"
#include "hf/dicomio/net/NodeProbe.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hf::gui {

NodeSettingsDialog::NodeSettingsDialog(NodeSettings settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(std::move(settings))
    , m_list(new QListWidget)
    , m_name(new QLineEdit)
    , m_kind(new QComboBox)
    , m_aeTitle(new QLineEdit)
    , m_host(new QLineEdit)
    , m_port(new QSpinBox)
    , m_url(new QLineEdit)
    , m_authorization(new QLineEdit)
    , m_timeout(new QDoubleSpinBox)
    , m_maxResults(new QSpinBox)
    , m_ourAe(new QLineEdit(m_settings.ourAeTitle))
    , m_storagePort(new QSpinBox)
    , m_keepFree(new QSpinBox)
    , m_receiverPort(new QSpinBox)
    , m_receiverAcceptsAny(new QCheckBox(tr("Accept any calling AE title (else only the nodes above)")))
    , m_receiverAdvice(new QLabel)
    , m_syncNode(new QComboBox)
    , m_test(new QPushButton(tr("Test")))
    , m_report(new QPlainTextEdit)
{
    setWindowTitle(tr("PACS nodes"));
    setObjectName("node-settings");
    m_kind->addItem(tr("DIMSE (AE title, host, port)"), "dimse");
    m_kind->addItem(tr("DICOMweb (base URL)"), "dicomweb");
    m_port->setRange(1, 65535);
    m_storagePort->setRange(1, 65535);
    m_storagePort->setValue(m_settings.storagePort);
    m_keepFree->setObjectName("keep-free");
    m_keepFree->setRange(0, 1000000);
    m_keepFree->setSuffix(" MB");
    m_keepFree->setSpecialValueText(tr("nothing (a full disk stops the cache too)"));
    m_keepFree->setToolTip(tr("While the cache's disk has less free, received and retrieved instances are refused and "
                              "imports are not copied into the cache."));
    m_keepFree->setValue(m_settings.keepFreeMb);
    m_receiverPort->setObjectName("receiver-port");
    m_receiverPort->setRange(0, 65535);
    m_receiverPort->setSpecialValueText(tr("off"));
    m_receiverPort->setValue(m_settings.receiverPort);
    m_receiverAcceptsAny->setChecked(m_settings.receiverAcceptsAny);
    m_receiverAdvice->setObjectName("receiver-advice");
    m_receiverAdvice->setWordWrap(true);
    m_receiverAdvice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timeout->setRange(1, 600);
    m_timeout->setSuffix(" s");
    m_maxResults->setObjectName("node-max-results");
    m_maxResults->setRange(1, 1000000);
    m_maxResults->setSuffix(tr(" studies"));
    m_maxResults->setToolTip(tr("A search reads no more matches than this; the status line says when more match."));
    m_authorization->setEchoMode(QLineEdit::Password);
    m_authorization->setPlaceholderText(tr("optional, e.g. Bearer TOKEN"));
    m_url->setPlaceholderText("https://pacs.example.org/dicom-web");
    m_report->setReadOnly(true);
    m_report->setMinimumHeight(100);
    m_report->setPlaceholderText(tr("Test says whether the node answers and what it supports."));
    for (const PacsNode& n : m_settings.nodes)
        m_list->addItem(QString::fromStdString(n.name));

    auto* add = new QPushButton(tr("Add"));
    auto* remove = new QPushButton(tr("Remove"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(remove);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("AE title"), m_aeTitle);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("Base URL"), m_url);
    form->addRow(tr("Authorization"), m_authorization);
    form->addRow(tr("Time-out"), m_timeout);
    form->addRow(tr("Most results per search"), m_maxResults);
    m_nodeTls = new TlsFilesEditor("node-tls", form, this);
    form->addRow(m_test);
    auto* nodeBox = new QGroupBox(tr("Node"));
    auto* nodeLayout = new QVBoxLayout(nodeBox);
    nodeLayout->addLayout(form);
    nodeLayout->addWidget(m_report, 1);

    auto* ours = new QFormLayout;
    ours->addRow(tr("Our AE title"), m_ourAe);
    ours->addRow(tr("Our storage port (C-MOVE)"), m_storagePort);
    ours->addRow(tr("Keep free on the cache's disk"), m_keepFree);
    ours->addRow(tr("Receiver port (always on; tell the PACS and modalities our AE title and this port)"), m_receiverPort);
    ours->addRow(QString(), m_receiverAcceptsAny);
    m_receiverTls = new TlsFilesEditor("receiver-tls", ours, this);
    m_receiverTls->setTls(m_settings.receiverTls);
    connect(m_receiverTls, &TlsFilesEditor::edited, this, &NodeSettingsDialog::describeReceiver);
    ours->addRow(QString(), m_receiverAdvice);
    ours->addRow(tr("Sync annotations with"), m_syncNode);
    auto* oursBox = new QGroupBox(tr("This workstation"));
    oursBox->setLayout(ours);

    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(nodeBox, 2);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(oursBox);
    layout->addWidget(buttons);

    auto refreshSyncChoices = [this] {
        const QString chosen = m_syncNode->currentText().isEmpty() ? m_settings.syncNode : m_syncNode->currentText();
        m_syncNode->clear();
        m_syncNode->addItem(QString());
        for (const PacsNode& n : m_settings.nodes)
            m_syncNode->addItem(QString::fromStdString(n.name));
        m_syncNode->setCurrentText(chosen);
    };
    refreshSyncChoices();
    connect(m_list, &QListWidget::currentRowChanged, this, [this, refreshSyncChoices](int row) {
        storeNode();
        showNode(row);
        refreshSyncChoices();
    });
    connect(add, &QPushButton::clicked, this, [this] { editNode(int(m_settings.nodes.size())); });
    connect(remove, &QPushButton::clicked, this, [this, refreshSyncChoices] {
        if (m_current < 0 || m_current >= int(m_settings.nodes.size()))
            return;
        m_settings.nodes.erase(m_settings.nodes.begin() + m_current);
        m_current = -1;
        delete m_list->takeItem(m_list->currentRow());
        refreshSyncChoices();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const bool web = m_kind->currentData().toString() == "dicomweb";
        for (QWidget* w : {static_cast<QWidget*>(m_aeTitle), static_cast<QWidget*>(m_host), static_cast<QWidget*>(m_port)})
            w->setEnabled(!web);
        m_url->setEnabled(web);
        m_authorization->setEnabled(web);
    });
    connect(m_test, &QPushButton::clicked, this, &NodeSettingsDialog::test);
    connect(m_receiverPort, &QSpinBox::valueChanged, this, &NodeSettingsDialog::describeReceiver);
    connect(m_ourAe, &QLineEdit::textChanged, this, &NodeSettingsDialog::describeReceiver);
    describeReceiver();
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        storeNode();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!m_settings.nodes.empty())
        m_list->setCurrentRow(0);
    else
        showNode(-1);
}

void NodeSettingsDialog::editNode(int index)
{
    if (index >= int(m_settings.nodes.size())) {
        storeNode();
        PacsNode n;
        n.name = "PACS " + std::to_string(m_settings.nodes.size() + 1);
        m_settings.nodes.push_back(n);
        m_list->addItem(QString::fromStdString(n.name));
        index = int(m_settings.nodes.size()) - 1;
    }
    m_list->setCurrentRow(index);
}

void NodeSettingsDialog::showNode(int index)
{
    m_current = index;
    const bool valid = index >= 0 && index < int(m_settings.nodes.size());
    const PacsNode n = valid ? m_settings.nodes[size_t(index)] : PacsNode{};
    m_name->setText(QString::fromStdString(n.name));
    m_kind->setCurrentIndex(n.kind == PacsNode::Kind::DicomWeb ? 1 : 0);
    m_aeTitle->setText(QString::fromStdString(n.calledAeTitle));
    m_host->setText(QString::fromStdString(n.host));
    m_port->setValue(n.port);
    m_url->setText(QString::fromStdString(n.baseUrl));
    m_authorization->setText(QString::fromStdString(n.authorization));
    m_timeout->setValue(n.timeoutSeconds);
    m_maxResults->setValue(n.maxResults);
    m_nodeTls->setTls(n.tls);
    m_report->clear();
    for (QWidget* w : {static_cast<QWidget*>(m_name), static_cast<QWidget*>(m_kind), static_cast<QWidget*>(m_test)})
        w->setEnabled(valid);
}

void NodeSettingsDialog::storeNode()
{
    if (m_current < 0 || m_current >= int(m_settings.nodes.size()))
        return;
    PacsNode& n = m_settings.nodes[size_t(m_current)];
    n.name = m_name->text().trimmed().toStdString();
    n.kind = m_kind->currentData().toString() == "dicomweb" ? PacsNode::Kind::DicomWeb : PacsNode::Kind::Dimse;
    n.calledAeTitle = m_aeTitle->text().trimmed().toStdString();
    n.host = m_host->text().trimmed().toStdString();
    n.port = m_port->value();
    n.baseUrl = m_url->text().trimmed().toStdString();
    while (!n.baseUrl.empty() && n.baseUrl.back() == '/')
        n.baseUrl.pop_back();
    n.authorization = m_authorization->text().toStdString();
    n.timeoutSeconds = m_timeout->value();
    n.maxResults = m_maxResults->value();
    n.tls = m_nodeTls->tls();
    if (QListWidgetItem* item = m_list->item(m_current))
        item->setText(QString::fromStdString(n.name));
}

NodeSettings NodeSettingsDialog::settings() const
{
    NodeSettings s = m_settings;
    s.ourAeTitle = m_ourAe->text().trimmed();
    s.storagePort = m_storagePort->value();
    s.keepFreeMb = m_keepFree->value();
    s.receiverPort = m_receiverPort->value();
    s.receiverAcceptsAny = m_receiverAcceptsAny->isChecked();
    s.receiverTls = m_receiverTls->tls();
    s.syncNode = m_syncNode->currentText();
    return s;
}

QString NodeSettingsDialog::receiverAdvice() const
{
    return m_receiverAdvice->text();
}

void NodeSettingsDialog::describeReceiver()
{
    const int port = m_receiverPort->value();
    if (port == 0) {
        m_receiverAdvice->setText(tr("The receiver is off: studies arrive only when this workstation retrieves them."));
        return;
    }
    QString state;
    if (port == m_storagePort->value())
        state = tr("Port %1 is the C-MOVE storage port: choose another.").arg(port);
    else if (portIsFree(port))
        state = tr("Port %1 is free.").arg(port);
    else if (port == m_settings.receiverPort)
        state = tr("Port %1 is in use (by this workstation's receiver, if it is running).").arg(port);
    else
        state = tr("Port %1 is in use by another program: choose another.").arg(port);
    QStringList addresses;
    for (const std::string& a : localAddresses())
        addresses << QString::fromStdString(a);
    const bool tls = m_receiverTls->tls().enabled();
    m_receiverAdvice->setText(state + "\n" +
                              tr("Tell the PACS and modalities: AE title %1, host %2%3, port %4, %5.")
                                  .arg(m_ourAe->text().trimmed(), QString::fromStdString(hostName()),
                                       addresses.isEmpty() ? QString() : " (" + addresses.join(", ") + ")")
                                  .arg(port)
                                  .arg(tls ? tr("DICOM TLS") : tr("no TLS")));
}

QString NodeSettingsDialog::testReport() const
{
    return m_report->toPlainText();
}

void NodeSettingsDialog::test()
{
    storeNode();
    if (m_current < 0)
        return;
    PacsNode node = m_settings.nodes[size_t(m_current)];
    node.callingAeTitle = m_ourAe->text().trimmed().toStdString();
    node.storagePort = m_storagePort->value();
    m_test->setEnabled(false);
    m_report->setPlainText(tr("Testing %1 ...").arg(QString::fromStdString(node.name)));
    // The probe talks to the network: off the GUI thread; its answer only if the dialog is open.
    runInBackground(this, [this, node]() -> GuiContinuation {
        const NodeCapabilities probed = probeNode(node);
        QStringList lines;
        for (const std::string& line : probed.lines)
            lines << QString::fromStdString(line);
        return [this, lines] {
            m_report->setPlainText(lines.join('\n'));
            m_test->setEnabled(true);
            emit tested();
        };
    });
}

} // namespace hf::gui
