#pragma once
// Our own storage SCP for C-MOVE retrievals: listens on a port under our AE title, accepts
// every storage class in any transfer syntax DCMTK knows, and writes each instance into a
// folder (named <modality>.<SOP Instance UID>). Started on demand for a retrieval and stopped
// after it. Any thread; the listening runs on its own thread.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace hf {

class StorageScp {
public:
    StorageScp(std::string aeTitle, int port, std::string folder);
    ~StorageScp();
    StorageScp(const StorageScp&) = delete;
    StorageScp& operator=(const StorageScp&) = delete;

    // Opens the port; false (and why) when it cannot, e.g. the port is taken.
    bool start(std::string& error);
    // Stops within about a second (after the association in progress, if any).
    void stop();
    int received() const { return m_received->load(); }

private:
    class Server;
    std::string m_aeTitle, m_folder;
    int m_port;
    std::unique_ptr<Server> m_server;
    std::shared_ptr<std::atomic<int>> m_received;
    std::thread m_thread;
};

} // namespace hf
