#include "NodeSettings.h"

#include <QSettings>

#include <algorithm>

namespace hf::gui {

namespace {

TlsSettings loadTls(QSettings& settings, const QString& group)
{
    TlsSettings tls;
    tls.certificateFile = settings.value(group + "Cert").toString().toStdString();
    tls.privateKeyFile = settings.value(group + "Key").toString().toStdString();
    tls.trustedCaFile = settings.value(group + "Ca").toString().toStdString();
    return tls;
}

void saveTls(QSettings& settings, const QString& group, const TlsSettings& tls)
{
    settings.setValue(group + "Cert", QString::fromStdString(tls.certificateFile));
    settings.setValue(group + "Key", QString::fromStdString(tls.privateKeyFile));
    settings.setValue(group + "Ca", QString::fromStdString(tls.trustedCaFile));
}

} // namespace

NodeSettings NodeSettings::load(QSettings& settings)
{
    NodeSettings s;
    s.ourAeTitle = settings.value("network/aeTitle", s.ourAeTitle).toString();
    s.storagePort = settings.value("network/storagePort", s.storagePort).toInt();
    s.keepFreeMb = std::max(0, settings.value("network/keepFreeMb", s.keepFreeMb).toInt());
    s.syncNode = settings.value("sync/node").toString();
    s.receiverPort = settings.value("receiver/port", 0).toInt();
    s.receiverAcceptsAny = settings.value("receiver/acceptAny", false).toBool();
    s.receiverTls = loadTls(settings, "receiver/tls");
    const int count = settings.beginReadArray("nodes");
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        PacsNode n;
        n.name = settings.value("name").toString().toStdString();
        n.kind = settings.value("kind").toString() == "dicomweb" ? PacsNode::Kind::DicomWeb : PacsNode::Kind::Dimse;
        n.calledAeTitle = settings.value("aeTitle").toString().toStdString();
        n.host = settings.value("host").toString().toStdString();
        n.port = settings.value("port", 104).toInt();
        n.baseUrl = settings.value("url").toString().toStdString();
        n.authorization = settings.value("authorization").toString().toStdString();
        n.timeoutSeconds = settings.value("timeout", 10).toDouble();
        n.maxResults = std::max(1, settings.value("maxResults", n.maxResults).toInt());
        n.tls = loadTls(settings, "tls");
        if (!n.name.empty())
            s.nodes.push_back(n);
    }
    settings.endArray();
    return s;
}

void NodeSettings::save(QSettings& settings) const
{
    settings.setValue("network/aeTitle", ourAeTitle);
    settings.setValue("network/storagePort", storagePort);
    settings.setValue("network/keepFreeMb", keepFreeMb);
    settings.setValue("sync/node", syncNode);
    settings.setValue("receiver/port", receiverPort);
    settings.setValue("receiver/acceptAny", receiverAcceptsAny);
    saveTls(settings, "receiver/tls", receiverTls);
    settings.beginWriteArray("nodes", int(nodes.size()));
    for (int i = 0; i < int(nodes.size()); ++i) {
        settings.setArrayIndex(i);
        const PacsNode& n = nodes[size_t(i)];
        settings.setValue("name", QString::fromStdString(n.name));
        settings.setValue("kind", n.kind == PacsNode::Kind::DicomWeb ? "dicomweb" : "dimse");
        settings.setValue("aeTitle", QString::fromStdString(n.calledAeTitle));
        settings.setValue("host", QString::fromStdString(n.host));
        settings.setValue("port", n.port);
        settings.setValue("url", QString::fromStdString(n.baseUrl));
        settings.setValue("authorization", QString::fromStdString(n.authorization));
        settings.setValue("timeout", n.timeoutSeconds);
        settings.setValue("maxResults", n.maxResults);
        saveTls(settings, "tls", n.tls);
    }
    settings.endArray();
}

std::set<std::string> NodeSettings::receiverAllowed() const
{
    std::set<std::string> titles;
    if (receiverAcceptsAny)
        return titles;
    for (const PacsNode& n : nodes)
        if (n.kind == PacsNode::Kind::Dimse && !n.calledAeTitle.empty())
            titles.insert(n.calledAeTitle);
    if (titles.empty())
        titles.insert("");  // no node configured: nobody (an empty title never calls)
    return titles;
}

std::optional<PacsNode> NodeSettings::node(const QString& name) const
{
    std::optional<PacsNode> found;
    for (const PacsNode& n : nodes)
        if (QString::fromStdString(n.name) == name)
            found = n;
    if (!found) {
        std::string reason;
        found = parsePacsNode(name.toStdString(), reason);
    }
    if (found) {
        found->callingAeTitle = ourAeTitle.toStdString();
        found->storagePort = storagePort;
        found->keepFreeBytes = keepFreeBytes();
    }
    return found;
}

} // namespace hf::gui
