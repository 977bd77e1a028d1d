#pragma once
// The remote nodes the workstation knows (each with its TLS files), our own AE title and storage
// port, the receiver, and which node the annotations sync with: kept in the user's settings (QSettings). The Authorization header
// is stored like the rest of the settings and never shown in logs or status text.
#include "hf/dicomio/net/PacsNode.h"

#include <QString>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

class QSettings;

namespace hf::gui {

struct NodeSettings {
    std::vector<PacsNode> nodes;  // each with its name
    QString ourAeTitle = "HOUNSFIELD";
    int storagePort = 11112;
    // Received and retrieved instances are refused, and imports not copied into the cache, while
    // the cache's disk has less free (MB; 0: never).
    int keepFreeMb = int(DiskRoom::kDefaultKeepFreeBytes >> 20);
    std::uint64_t keepFreeBytes() const { return std::uint64_t(std::max(0, keepFreeMb)) << 20; }
    QString syncNode;  // a node's name, or AET@HOST:PORT; empty: no sync
    // The always-on receiver: its port (0: off; another than storagePort, which C-MOVE uses),
    // and whether any calling AE title may send (else only the configured nodes' AE titles).
    int receiverPort = 0;
    bool receiverAcceptsAny = false;
    TlsSettings receiverTls;  // its certificate, key and the CAs of the clients it accepts (empty: clear text)
    // The calling AE titles the receiver accepts: the configured DIMSE nodes' (empty: any).
    std::set<std::string> receiverAllowed() const;

    static NodeSettings load(QSettings& settings);
    void save(QSettings& settings) const;
    // The node called `name` with our AE title and port filled in; or `name` parsed as
    // AET@HOST:PORT / URL; nothing when it is neither.
    std::optional<PacsNode> node(const QString& name) const;
};

} // namespace hf::gui
