#pragma once
// Sends audit messages to a syslog collector as IHE ATNA asks: RFC 5424 messages (facility
// authpriv, severity notice, MSGID "IHE+RFC-3881", the XML after a UTF-8 BOM) over UDP (RFC
// 5426), or over TLS (RFC 5425: octet-counted frames) with the collector's certificate checked
// against a CA file. Any thread (one message at a time).
#include <memory>
#include <string>

namespace hf {

// The files of a TLS link to the collector (PEM): the CAs that signed its certificate (empty:
// the system's), and our certificate and key when it asks for one.
struct SyslogTls {
    std::string trustedCaFile, certificateFile, privateKeyFile;
};


class SyslogSender {
public:
    enum class Transport { Udp, Tls };
    SyslogSender(Transport transport, std::string host, int port, std::string appName, SyslogTls tls = {});
    ~SyslogSender();
    SyslogSender(const SyslogSender&) = delete;
    SyslogSender& operator=(const SyslogSender&) = delete;

    // "udp://HOST:PORT" or "tls://HOST:PORT"; nothing (and why) otherwise.
    static std::unique_ptr<SyslogSender> parse(const std::string& url, const std::string& appName, const SyslogTls& tls, std::string& error);

    bool send(const std::string& xml, std::string& error);
    // The RFC 5424 line for a message (for tests and the UDP datagram).
    std::string frame(const std::string& xml) const;

private:
    class TlsStream;
    Transport m_transport;
    std::string m_host, m_appName, m_hostName;
    int m_port;
    SyslogTls m_tls;
    std::unique_ptr<TlsStream> m_stream;  // TLS: kept open between messages
};

} // namespace hf
