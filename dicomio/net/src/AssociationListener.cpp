#include "AssociationListener.h"

#include "QuickAckLayer.h"

#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scpthrd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <system_error>

namespace hf {

namespace {

void dropAndDestroy(T_ASC_Association*& association)
{
    if (!association)
        return;
    ASC_dropAssociation(association);
    ASC_destroyAssociation(&association);
}

void refuseBusy(T_ASC_Association*& association)
{
    T_ASC_RejectParameters rejection;
    rejection.result = ASC_RESULT_REJECTEDTRANSIENT;
    rejection.source = ASC_SOURCE_SERVICEPROVIDER_PRESENTATION_RELATED;
    rejection.reason = ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED;
    ASC_rejectAssociation(association, &rejection);
    dropAndDestroy(association);
}

// A connection to our own port, closed at once: the listener's wait for a request returns (the
// request it reads is empty and dropped; no TLS handshake gets far enough to count as refused).
// Never blocks for long: a full backlog would make a blocking connect wait for minutes, and
// the listener then sees stop() at its next one-second time-out anyway.
void knock(int port)
{
    const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (s < 0)
        return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(uint16_t(port));
    if (::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 && errno == EINPROGRESS) {
        pollfd connected{s, POLLOUT, 0};
        ::poll(&connected, 1, 200);
    }
    ::close(s);
}

} // namespace

AssociationListener::AssociationListener(WorkerFactory makeWorker, unsigned maxWorkers)
    : m_makeWorker(std::move(makeWorker))
    , m_maxWorkers(maxWorkers)
{
}

AssociationListener::~AssociationListener()
{
    reap(true);
}

OFCondition AssociationListener::listen()
{
    T_ASC_Network* network = nullptr;
    OFCondition opened = ASC_initializeNetwork(NET_ACCEPTOR, int(m_config.getPort()), int(m_config.getACSETimeout()), &network);
    // Each sender's C-STOREs acknowledged at once (QuickAckLayer.h), over TLS or not.
    QuickAckLayer layer(m_config.transportLayerEnabled() ? m_config.getTransportLayer() : nullptr);
    if (opened.good())
        opened = ASC_setTransportLayer(network, &layer, 0 /* stays ours */);
    if (opened.bad()) {
        ASC_dropNetwork(&network);
        return opened;
    }
    m_listening.store(true);
    const bool secure = m_config.transportLayerEnabled();
    // One copy of the settings, read by every worker (reference counted, thread safe).
    const DcmSharedSCPConfig shared(m_config);
    while (!m_stopping.load()) {
        T_ASC_Association* association = nullptr;
        // Returns after the connection time-out without a request, so stop() is seen.
        const OFCondition received = ASC_receiveAssociation(network, &association, m_config.getMaxReceivePDULength(), nullptr, nullptr,
                                                            secure, m_config.getConnectionBlockingMode(),
                                                            int(m_config.getConnectionTimeout()));
        reap(false);
        if (received.good())
            handOver(association, shared);
        else if (received == DUL_NOASSOCIATIONREQUEST)
            ASC_destroyAssociation(&association);
        else
            dropAndDestroy(association);  // a failed TLS handshake, a broken request
    }
    m_listening.store(false);
    reap(true);
    ASC_dropNetwork(&network);
    return EC_Normal;
}

void AssociationListener::stop()
{
    m_stopping.store(true);
    if (m_listening.load())
        knock(int(m_config.getPort()));
}

void AssociationListener::handOver(T_ASC_Association* association, const DcmSharedSCPConfig& shared)
{
    // A worker whose peer already has its answer may still be closing: a moment for it to end
    // before a new sender is turned away.
    for (int waited = 0; m_running.size() >= m_maxWorkers && waited < 50; ++waited) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        reap(false);
    }
    if (m_running.size() >= m_maxWorkers) {
        refuseBusy(association);
        return;
    }
    std::unique_ptr<DcmThreadSCP> scp = m_makeWorker();
    scp->setSharedConfig(shared);
    Running& running = m_running.emplace_back();
    running.finished = std::make_shared<std::atomic<bool>>(false);
    DcmThreadSCP* worker = scp.get();
    running.scp = std::move(scp);
    // The worker owns the association from here: DcmSCP drops and destroys it when it ends.
    try {
        running.thread = std::thread([worker, association, finished = running.finished] {
            worker->run(association);
            finished->store(true);
        });
    } catch (const std::system_error&) {  // no thread to be had: refused like a full pool
        m_running.pop_back();
        refuseBusy(association);
    }
}

void AssociationListener::reap(bool waitForAll)
{
    for (auto it = m_running.begin(); it != m_running.end();) {
        if (waitForAll || it->finished->load()) {
            if (it->thread.joinable())
                it->thread.join();
            it = m_running.erase(it);  // the SCP is destroyed after its thread ended
        } else {
            ++it;
        }
    }
}

} // namespace hf
