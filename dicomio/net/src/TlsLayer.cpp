#include "TlsLayer.h"

#include <dcmtk/dcmtls/tlslayer.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <fstream>

namespace hf {

namespace {

// The certificate check's verdict for the handshake in progress on this thread: OpenSSL calls
// back on the thread that connects or accepts.
thread_local int t_verifyError = X509_V_OK;
thread_local std::string t_verifySubject;

bool readable(const std::string& path) { return std::ifstream(path).good(); }

bool isIpAddress(const std::string& host)
{
    unsigned char buffer[16];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

} // namespace

int rememberVerifyError(int ok, X509_STORE_CTX* context)
{
    if (!ok && t_verifyError == X509_V_OK) {
        t_verifyError = X509_STORE_CTX_get_error(context);
        // Name the peer's own certificate (the chain's first), not the CA the check stopped at.
        if (X509* certificate = X509_STORE_CTX_get0_cert(context)) {
            char name[256] = {};
            X509_NAME_oneline(X509_get_subject_name(certificate), name, sizeof name - 1);
            t_verifySubject = name;
        }
        // A server's layer hears of the client it turned away.
        const SSL* ssl = static_cast<const SSL*>(X509_STORE_CTX_get_ex_data(context, SSL_get_ex_data_X509_STORE_CTX_idx()));
        const auto* layer = ssl ? static_cast<const TlsLayer*>(SSL_CTX_get_app_data(SSL_get_SSL_CTX(ssl))) : nullptr;
        if (layer)
            layer->reportRejectedPeer(std::string(kTlsHandshake) + " refused: " + TlsLayer::explainFailure({}));
    }
    return ok;
}

TlsLayer::TlsLayer(std::unique_ptr<DcmTLSTransportLayer> layer)
    : m_layer(std::move(layer))
{
}

TlsLayer::~TlsLayer() = default;

DcmTransportLayer* TlsLayer::layer() { return m_layer.get(); }

void TlsLayer::onRejectedPeer(std::function<void(const std::string& why)> sink)
{
    m_rejected = std::move(sink);
    SSL_CTX_set_app_data(m_layer->getNativeHandle(), this);
}

std::unique_ptr<TlsLayer> TlsLayer::make(const TlsSettings& settings, Role role, const std::string& peerHost, std::string& error)
{
    const bool server = role == Role::Server;
    if (server && (settings.certificateFile.empty() || settings.privateKeyFile.empty())) {
        error = "a TLS server needs its certificate and private key (--tls-cert and --tls-key)";
        return nullptr;
    }
    if (settings.certificateFile.empty() != settings.privateKeyFile.empty()) {
        error = "a TLS certificate needs its private key and the other way round (--tls-cert with --tls-key)";
        return nullptr;
    }
    for (const auto& [file, what] : {std::pair{settings.certificateFile, "TLS certificate"}, std::pair{settings.privateKeyFile, "TLS private key"},
                                     std::pair{settings.trustedCaFile, "trusted CA file"}})
        if (!file.empty() && !readable(file)) {
            error = std::string(what) + " " + file + ": cannot be read";
            return nullptr;
        }
    auto layer = std::make_unique<DcmTLSTransportLayer>(server ? NET_ACCEPTOR : NET_REQUESTOR, nullptr, OFTrue);
    if (!*layer) {
        error = "TLS cannot be set up (OpenSSL did not initialise)";
        return nullptr;
    }
    // BCP 195: TLS 1.2 or later and its cipher suites only.
    if (layer->setTLSProfile(TSP_Profile_BCP195).bad() || layer->activateCipherSuites().bad()) {
        error = "TLS cannot be set up (the BCP 195 cipher suites are not available)";
        return nullptr;
    }
    if (!settings.certificateFile.empty()) {
        if (layer->setPrivateKeyFile(settings.privateKeyFile.c_str(), DCF_Filetype_PEM).bad()) {
            error = "TLS private key " + settings.privateKeyFile + ": not a PEM private key (or it is encrypted)";
            return nullptr;
        }
        if (layer->setCertificateFile(settings.certificateFile.c_str(), DCF_Filetype_PEM).bad()) {
            error = "TLS certificate " + settings.certificateFile + ": not a PEM certificate";
            return nullptr;
        }
        if (!layer->checkPrivateKeyMatchesCertificate()) {
            error = "TLS private key " + settings.privateKeyFile + " does not belong to the certificate " + settings.certificateFile;
            return nullptr;
        }
    }
    if (!settings.trustedCaFile.empty()) {
        if (layer->addTrustedCertificateFile(settings.trustedCaFile.c_str(), DCF_Filetype_PEM).bad()) {
            error = "trusted CA file " + settings.trustedCaFile + ": no PEM certificate in it";
            return nullptr;
        }
    } else if (!server) {
        layer->addTrustedCertificateDir("/etc/ssl/certs", DCF_Filetype_PEM);
    }
    // A client always checks the server; a server checks clients when it was given CAs to trust.
    const bool verifyPeer = !server || !settings.trustedCaFile.empty();
    layer->setCertificateVerification(verifyPeer ? DCV_requireCertificate : DCV_ignoreCertificate);
    SSL_CTX* context = layer->getNativeHandle();
    if (verifyPeer)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER | (server ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0), rememberVerifyError);
    if (!server && !peerHost.empty()) {
        X509_VERIFY_PARAM* parameters = SSL_CTX_get0_param(context);
        if (isIpAddress(peerHost))
            X509_VERIFY_PARAM_set1_ip_asc(parameters, peerHost.c_str());
        else
            X509_VERIFY_PARAM_set1_host(parameters, peerHost.c_str(), 0);
    }
    return std::unique_ptr<TlsLayer>(new TlsLayer(std::move(layer)));
}

void TlsLayer::clearFailure()
{
    t_verifyError = X509_V_OK;
    t_verifySubject.clear();
    ERR_clear_error();
}

std::string TlsLayer::clientCertificateHint(const TlsSettings& settings, const std::string& failure)
{
    if (!settings.enabled() || !settings.certificateFile.empty() || contains(failure, "client certificate") || contains(failure, "refused"))
        return {};
    return "; the peer may require a client certificate (give --tls-cert and --tls-key)";
}

bool TlsLayer::certificateRejected() { return t_verifyError != X509_V_OK; }

std::string TlsLayer::explainFailure(const std::string& dcmtkText)
{
    const int verdict = t_verifyError;
    const std::string subject = t_verifySubject.empty() ? "" : " (" + t_verifySubject + ")";
    switch (verdict) {
    case X509_V_OK:
        break;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        return "unknown CA: the peer's certificate" + subject + " is not signed by a trusted CA";
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return "expired: the peer's certificate" + subject + " has expired";
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return "not yet valid: the peer's certificate" + subject + " is not valid yet (check the clocks)";
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
        return "name mismatch: the peer's certificate" + subject + " is not for the address dialled";
    case X509_V_ERR_CERT_REVOKED:
        return "revoked: the peer's certificate" + subject + " has been revoked";
    default:
        return std::string("certificate rejected: ") + X509_verify_cert_error_string(verdict) + subject;
    }
    // What the other side told us, or what OpenSSL saw on the wire.
    std::string openssl;
    if (const unsigned long code = ERR_peek_last_error()) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        openssl = text;
    }
    const std::string all = dcmtkText + " " + openssl;
    if (contains(all, "unknown ca") || contains(all, "bad certificate") || contains(all, "certificate unknown"))
        return "the peer did not accept our certificate (unknown CA or bad certificate)";
    if (contains(all, "certificate required") || contains(all, "peer did not return a certificate"))
        return "the peer requires a client certificate (give --tls-cert and --tls-key)";
    if (contains(all, "certificate expired"))
        return "the peer says our certificate has expired";
    if (contains(all, "shutdown while in init") || contains(all, "unexpected eof"))
        return "the peer broke off the handshake (is this its TLS port? does it require a client certificate, or not trust ours?)";
    if (contains(all, "wrong version number") || contains(all, "packet length too long") || contains(all, "http request"))
        return "protocol: the peer does not speak TLS on this port";
    if (contains(all, "unsupported protocol") || contains(all, "protocol version") || contains(all, "no protocols available"))
        return "protocol: no TLS version in common (BCP 195 needs TLS 1.2 or later)";
    if (contains(all, "handshake failure") || contains(all, "no shared cipher") || contains(all, "no ciphers"))
        return "protocol: no cipher suite in common (BCP 195 profile)";
    if (!openssl.empty())
        return std::string(kTlsHandshake) + " failed (" + openssl + ")";
    return {};
}

} // namespace hf
