#pragma once
// Our own storage SCP: for C-MOVE retrievals (started for one and stopped after it) and as the
// always-on receiver (`hounsfield-cli listen`). Listens on a port under our AE title, accepts
// every storage class in any transfer syntax DCMTK knows (compressed ones kept as they are) and
// C-ECHO, and writes each instance into a folder (named by its SOP Instance UID): written under
// a ".part" name, flushed to disk (fsync), renamed, the folder flushed, and only then answered
// with success, so an acknowledged instance survives a crash. Several senders at once: each
// association runs on a worker thread of its own (up to 8 at once), the listening on its own thread. Any
// thread.
#include "hf/dicomio/net/PacsNode.h"
#include "hf/dicomio/net/TlsSettings.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <mutex>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace hf {

class AssociationListener;
class TlsLayer;

class StorageScp {
public:
    StorageScp(std::string aeTitle, int port, std::string folder);
    ~StorageScp();
    StorageScp(const StorageScp&) = delete;
    StorageScp& operator=(const StorageScp&) = delete;

    // Before start(): only these calling AE titles are accepted (empty: any); others are refused
    // ("calling AE title not recognized").
    void setAllowedCallingAeTitles(std::set<std::string> titles);
    // Before start(): Storage Commitment requests (push model N-ACTION) are answered with an
    // N-EVENT-REPORT on an association to the node this returns for the calling AE title
    // (nothing: the request is refused, 0x0110). Instances held: the durable files received here.
    void setCommitmentReplies(std::function<std::optional<PacsNode>(const std::string& callingAeTitle)> nodeFor);
    // Before start(): whether each instance is flushed to disk before its success response (the
    // default: a sender may delete what we acknowledged). A C-MOVE destination turns it off: the
    // PACS keeps the originals, and a retrieval cut short is fetched again.
    void setFlushEachInstance(bool flush) { m_flushEach = flush; }
    // Before start(): accept only TLS connections, with this certificate and key; with trusted
    // CAs, only clients whose certificate they signed.
    void setTls(TlsSettings tls);
    // Before start(): an instance that arrives while the folder's disk has less than this free
    // is refused (0xA700, Out of Resources) and not written (DiskRoom; 0: never refused).
    void setKeepFree(std::uint64_t bytes) { m_keepFree = bytes; }

    // Opens the port; false (and why) when it cannot, e.g. the port is taken.
    bool start(std::string& error);
    // Stops within about a second (after the association in progress, if any).
    void stop();
    int received() const { return m_received->load(); }
    // The files made durable since the last call (for the receiver to index). Any thread.
    std::vector<std::string> takeStored();
    // Associations refused since the last call: a calling AE title not accepted, a client
    // certificate that failed the check (for the audit trail's security alerts). Any thread.
    struct Refusal {
        std::string peerAddress, callingAeTitle, reason;
    };
    std::vector<Refusal> takeRefusals();
    // Associations that ended since the last call, with the files each made durable (one
    // transfer for the audit trail) and the instances it refused for want of disk room. Take
    // these before takeStored(): their files are then in that batch or an earlier one.
    struct Association {
        std::string callingAeTitle, peerAddress;
        std::vector<std::string> files;
        int refusedForRoom = 0;
        std::string roomShortage;  // DiskRoom::shortage() at the last refusal
    };
    std::vector<Association> takeFinishedAssociations();
    // What the Storage Commitment reports since the last call did ("Storage Commitment UID
    // reported to AET@HOST:PORT", or why not).
    std::vector<std::string> takeCommitmentReports();
    // Instances refused for want of disk room since the last call, and the last reason given.
    struct RoomRefusals {
        int instances = 0;
        std::string reason;  // DiskRoom::shortage()
    };
    RoomRefusals takeRoomRefusals();

private:
    class Worker;
    std::string m_aeTitle, m_folder;
    int m_port;
    std::set<std::string> m_allowed;
    TlsSettings m_tls;
    bool m_flushEach = true;
    std::uint64_t m_keepFree = 0;
    std::unique_ptr<TlsLayer> m_tlsLayer;  // outlives m_listener
    struct Stored {
        std::mutex lock;
        std::vector<std::string> files;
        std::vector<Refusal> refusals;
        std::vector<Association> finished;
        int reportsUnderWay = 0;  // Storage Commitment reports being sent (detached threads); stop() waits for them
        std::vector<std::string> commitmentReports;  // what each report did, for the log
        RoomRefusals roomRefusals;
    };
    std::function<std::optional<PacsNode>(const std::string&)> m_commitmentNode;
    std::unique_ptr<AssociationListener> m_listener;
    std::shared_ptr<std::atomic<int>> m_received;
    std::shared_ptr<Stored> m_stored = std::make_shared<Stored>();
    std::shared_ptr<std::atomic<unsigned long long>> m_serial = std::make_shared<std::atomic<unsigned long long>>(0);
    std::thread m_thread;
};

} // namespace hf
