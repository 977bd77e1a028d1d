#include "QuickAckLayer.h"

#include <dcmtk/dcmnet/dcmtrans.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <memory>

namespace hf {

namespace {

// Everything is the inner connection's; a read also asks the kernel to acknowledge at once.
class QuickAckConnection : public DcmTransportConnection {
public:
    QuickAckConnection(DcmNativeSocketType socket, DcmTransportConnection* inner)
        : DcmTransportConnection(socket)
        , m_inner(inner)
    {
    }

    OFCondition serverSideHandshake() override { return m_inner->serverSideHandshake(); }
    OFCondition clientSideHandshake() override { return m_inner->clientSideHandshake(); }
    OFCondition renegotiate(const char* newSuite) override { return m_inner->renegotiate(newSuite); }
    ssize_t read(void* buf, size_t nbyte) override
    {
        const ssize_t got = m_inner->read(buf, nbyte);
        if (got > 0) {
            const int on = 1;
            ::setsockopt(getSocket(), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
        }
        return got;
    }
    ssize_t write(void* buf, size_t nbyte) override { return m_inner->write(buf, nbyte); }
    void close() override { m_inner->close(); }
    void closeTransportConnection() override { m_inner->closeTransportConnection(); }
    unsigned long getPeerCertificateLength() override { return m_inner->getPeerCertificateLength(); }
    unsigned long getPeerCertificate(void* buf, unsigned long bufLen) override { return m_inner->getPeerCertificate(buf, bufLen); }
    OFBool networkDataAvailable(int timeout) override { return m_inner->networkDataAvailable(timeout); }
    OFBool isTransparentConnection() override { return m_inner->isTransparentConnection(); }
    OFString& dumpConnectionParameters(OFString& str) override { return m_inner->dumpConnectionParameters(str); }

private:
    std::unique_ptr<DcmTransportConnection> m_inner;
};

} // namespace

DcmTransportConnection* QuickAckLayer::createConnection(DcmNativeSocketType openSocket, OFBool useSecureLayer)
{
    const int on = 1;
    ::setsockopt(openSocket, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    DcmTransportConnection* inner = m_inner ? m_inner->createConnection(openSocket, useSecureLayer)
                                            : DcmTransportLayer::createConnection(openSocket, OFFalse);
    return inner ? new QuickAckConnection(openSocket, inner) : nullptr;
}

} // namespace hf
