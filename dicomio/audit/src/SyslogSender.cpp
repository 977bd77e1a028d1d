#include "hf/dicomio/audit/SyslogSender.h"

#include "hf/dicomio/audit/AuditMessage.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace hf {

namespace {

// A connected socket to host:port (UDP or TCP), or -1.
int connectTo(const std::string& host, int port, int type)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = type;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0)
        return -1;
    int s = -1;
    for (const addrinfo* a = found; a && s < 0; a = a->ai_next) {
        s = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (s >= 0 && ::connect(s, a->ai_addr, a->ai_addrlen) != 0) {
            ::close(s);
            s = -1;
        }
    }
    ::freeaddrinfo(found);
    return s;
}

std::string thisHost()
{
    char name[256] = {};
    ::gethostname(name, sizeof name - 1);
    return name[0] ? name : "-";
}

} // namespace

// RFC 5425: one TLS connection to the collector, its certificate checked against the CA file
// (or the system's CAs) and the host name.
class SyslogSender::TlsStream {
public:
    ~TlsStream()
    {
        if (ssl) {
            SSL_shutdown(ssl);
            SSL_free(ssl);
        }
        if (context)
            SSL_CTX_free(context);
        if (socket >= 0)
            ::close(socket);
    }
    bool open(const std::string& host, int port, const SyslogTls& tls, std::string& error)
    {
        context = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
        const bool trusted = tls.trustedCaFile.empty() ? SSL_CTX_set_default_verify_paths(context) == 1
                                                       : SSL_CTX_load_verify_locations(context, tls.trustedCaFile.c_str(), nullptr) == 1;
        if (!trusted) {
            error = "syslog: trusted CA file " + tls.trustedCaFile + " cannot be read";
            return false;
        }
        if (!tls.certificateFile.empty() &&
            (SSL_CTX_use_certificate_chain_file(context, tls.certificateFile.c_str()) != 1 ||
             SSL_CTX_use_PrivateKey_file(context, tls.privateKeyFile.c_str(), SSL_FILETYPE_PEM) != 1)) {
            error = "syslog: TLS certificate " + tls.certificateFile + " or its key cannot be used";
            return false;
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
        socket = connectTo(host, port, SOCK_STREAM);
        if (socket < 0) {
            error = "syslog: cannot connect to " + host + ":" + std::to_string(port);
            return false;
        }
        ssl = SSL_new(context);
        SSL_set_fd(ssl, socket);
        SSL_set_tlsext_host_name(ssl, host.c_str());
        unsigned char address[16];
        if (inet_pton(AF_INET, host.c_str(), address) == 1 || inet_pton(AF_INET6, host.c_str(), address) == 1)
            X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str());
        else
            SSL_set1_host(ssl, host.c_str());
        if (SSL_connect(ssl) != 1) {
            const long verdict = SSL_get_verify_result(ssl);
            error = "syslog: TLS handshake with " + host + ":" + std::to_string(port) + " failed (" +
                    (verdict != X509_V_OK ? X509_verify_cert_error_string(verdict) : "handshake") + ")";
            return false;
        }
        return true;
    }
    SSL_CTX* context = nullptr;
    SSL* ssl = nullptr;
    int socket = -1;
};

SyslogSender::SyslogSender(Transport transport, std::string host, int port, std::string appName, SyslogTls tls)
    : m_transport(transport)
    , m_host(std::move(host))
    , m_appName(std::move(appName))
    , m_hostName(thisHost())
    , m_port(port)
    , m_tls(std::move(tls))
{
}

SyslogSender::~SyslogSender() = default;

std::unique_ptr<SyslogSender> SyslogSender::parse(const std::string& url, const std::string& appName, const SyslogTls& tls, std::string& error)
{
    const size_t scheme = url.find("://");
    const size_t colon = url.rfind(':');
    const std::string kind = scheme == std::string::npos ? "" : url.substr(0, scheme);
    if ((kind != "udp" && kind != "tls") || colon == std::string::npos || colon < scheme + 3) {
        error = "syslog collector " + url + ": expected udp://HOST:PORT or tls://HOST:PORT";
        return nullptr;
    }
    const std::string host = url.substr(scheme + 3, colon - scheme - 3);
    int port = 0;
    try {
        port = std::stoi(url.substr(colon + 1));
    } catch (...) {
        port = 0;
    }
    if (host.empty() || port < 1 || port > 65535) {
        error = "syslog collector " + url + ": expected udp://HOST:PORT or tls://HOST:PORT";
        return nullptr;
    }
    return std::make_unique<SyslogSender>(kind == "udp" ? Transport::Udp : Transport::Tls, host, port, appName, tls);
}

std::string SyslogSender::frame(const std::string& xml) const
{
    // PRI 85: facility 10 (security/authorization), severity 5 (notice); MSGID as IHE ITI-20 asks.
    return "<85>1 " + auditTimestampNow() + " " + m_hostName + " " + m_appName + " " + std::to_string(::getpid()) +
           " IHE+RFC-3881 - \xEF\xBB\xBF" + xml;
}

bool SyslogSender::send(const std::string& xml, std::string& error)
{
    const std::string message = frame(xml);
    if (m_transport == Transport::Udp) {
        const int s = connectTo(m_host, m_port, SOCK_DGRAM);
        if (s < 0) {
            error = "syslog: cannot reach " + m_host + ":" + std::to_string(m_port);
            return false;
        }
        const bool sent = ::send(s, message.data(), message.size(), 0) == ssize_t(message.size());
        ::close(s);
        if (!sent)
            error = "syslog: the datagram to " + m_host + " was not sent";
        return sent;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {  // a dropped connection is reopened once
        if (!m_stream) {
            auto stream = std::make_unique<TlsStream>();
            if (!stream->open(m_host, m_port, m_tls, error))
                return false;
            m_stream = std::move(stream);
        }
        const std::string framed = std::to_string(message.size()) + " " + message;
        if (SSL_write(m_stream->ssl, framed.data(), int(framed.size())) == int(framed.size()))
            return true;
        m_stream.reset();
    }
    error = "syslog: the message to " + m_host + " was not sent";
    return false;
}

} // namespace hf
