#pragma once
// How a link to a node, or our receiver, is secured (PS3.15 B.9 / BCP 195 secure transport):
// our certificate and private key (PEM), and the CAs we trust to have signed the peer's. Empty:
// a clear-text link. Value type, any thread.
#include <string>

namespace hf {

struct TlsSettings {
    std::string certificateFile, privateKeyFile;  // ours: needed by a server, optional for a client
    std::string trustedCaFile;                    // empty: the system's CAs (a client) / no client check (a server)

    // TLS is used when any of the files is given ("--tls-ca" alone: a client that only verifies the server).
    bool enabled() const { return !certificateFile.empty() || !privateKeyFile.empty() || !trustedCaFile.empty(); }
    bool operator==(const TlsSettings& other) const
    {
        return certificateFile == other.certificateFile && privateKeyFile == other.privateKeyFile && trustedCaFile == other.trustedCaFile;
    }
    bool operator!=(const TlsSettings& other) const { return !(*this == other); }
};

// A failed TLS handshake (DIMSE or HTTPS, ours or a peer's refused) is said in words that begin
// with this, wherever it is reported: the audit trail records each such failure as a security
// alert by it (isTlsHandshakeFailure), so every producer of those words uses it.
inline constexpr const char* kTlsHandshake = "TLS handshake";
inline bool isTlsHandshakeFailure(const std::string& message) { return message.find(kTlsHandshake) != std::string::npos; }

} // namespace hf
