#pragma once
// DCMTK's TLS transport layer set up from TlsSettings: the BCP 195 profile (TLS 1.2+, its
// cipher suites), our certificate and key, the trusted CAs, the peer verified (a client checks
// the server's certificate against the host name it dialled), and a failed handshake explained
// in a radiographer's words: unknown CA, expired, name mismatch, protocol.
#include "hf/dicomio/net/TlsSettings.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>

#include <functional>
#include <memory>
#include <string>

class DcmTLSTransportLayer;
class DcmTransportLayer;

namespace hf {

class TlsLayer {
public:
    enum class Role { Client, Server };
    // Nothing (and why, naming the file) when a file cannot be read or the key does not match.
    // A client's `peerHost` is the name or address its certificate must be for.
    static std::unique_ptr<TlsLayer> make(const TlsSettings& settings, Role role, const std::string& peerHost, std::string& error);
    ~TlsLayer();
    TlsLayer(const TlsLayer&) = delete;
    TlsLayer& operator=(const TlsLayer&) = delete;

    DcmTransportLayer* layer();
    // A server: told (on the accepting thread) of each client whose certificate failed the check.
    void onRejectedPeer(std::function<void(const std::string& why)> sink);
    void reportRejectedPeer(const std::string& why) const
    {
        if (m_rejected)
            m_rejected(why);
    }

    // Why the last handshake on this thread failed, from the certificate check or OpenSSL's
    // report (`dcmtkText`: the condition DCMTK returned); empty when it was not about TLS.
    static std::string explainFailure(const std::string& dcmtkText);
    // A hint for a handshake that failed while we showed no certificate of our own (the peer
    // may want one); empty when it does not apply.
    static std::string clientCertificateHint(const TlsSettings& settings, const std::string& failure);
    // Forgets the last failure (before a new connection on this thread).
    static void clearFailure();
    // Whether the last handshake on this thread failed the peer's certificate check.
    static bool certificateRejected();

private:
    explicit TlsLayer(std::unique_ptr<DcmTLSTransportLayer> layer);
    std::unique_ptr<DcmTLSTransportLayer> m_layer;
    std::function<void(const std::string&)> m_rejected;
};

} // namespace hf
