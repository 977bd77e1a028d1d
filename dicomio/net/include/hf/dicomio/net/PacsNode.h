#pragma once
// A remote archive: a DIMSE peer (AE title, host, port) or a DICOMweb service (base URL, with
// an optional Authorization header), and what we call ourselves. Value type, any thread.
#include "hf/dicomio/DiskRoom.h"
#include "hf/dicomio/net/TlsSettings.h"

#include <optional>
#include <string>

namespace hf {

struct PacsNode {
    enum class Kind { Dimse, DicomWeb } kind = Kind::Dimse;
    std::string name;
    std::string calledAeTitle, host;  // DIMSE
    int port = 104;
    std::string baseUrl, authorization;  // DICOMweb; authorization never printed
    std::string callingAeTitle = "HOUNSFIELD";
    int storagePort = 11112;  // where our storage SCP listens for C-MOVE (the PACS must know it)
    // Ours too: a retrieval stops, and refuses what comes, while the disk it writes to has less
    // free than this (DiskRoom).
    std::uint64_t keepFreeBytes = DiskRoom::kDefaultKeepFreeBytes;
    double timeoutSeconds = 10;
    // The study list reads at most this many matches per search (RemoteQuery::maxRecords).
    int maxResults = 20000;
    TlsSettings tls;  // DIMSE over TLS, or the HTTPS client's CA and certificate
};

// How messages name a node: "AET@HOST:PORT" for DIMSE, the base URL for DICOMweb; and its
// configured name when it has one (else that address).
std::string nodeAddress(const PacsNode& node);
std::string nodeLabel(const PacsNode& node);

// "AET@HOST:PORT" or an http(s) URL; nothing (and a reason) when it is neither.
std::optional<PacsNode> parsePacsNode(const std::string& text, std::string& reason);

struct EchoResult {
    bool ok = false;
    std::string message;  // what happened, in plain words (never credentials)
    double seconds = 0;
};

// C-ECHO for DIMSE nodes, a QIDO-RS request for DICOMweb nodes. Blocking, bounded by the
// node's timeout; run it off the GUI thread.
EchoResult echo(const PacsNode& node);

} // namespace hf
