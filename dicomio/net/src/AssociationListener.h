#pragma once
// Accepts associations on a port and runs each on a thread of its own, with a fresh DcmThreadSCP
// made by the factory; at most maxWorkers at once (more are refused "local limit exceeded").
// Ours, not DCMTK's DcmBaseSCPPool: in DCMTK 3.6.7 a pool worker deletes itself when its
// association ends while the listening thread may still be storing the worker's thread id into
// it (OFThread::start writes it after pthread_create returns). An association refused at once
// (an unknown calling AE title) ends that fast, and the stale write corrupted the heap about one
// run in twenty under load. The pool also never joins its finished threads.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/scpcfg.h>
#include <dcmtk/ofstd/ofcond.h>

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <thread>

class DcmThreadSCP;

namespace hf {

class AssociationListener {
public:
    using WorkerFactory = std::function<std::unique_ptr<DcmThreadSCP>()>;
    AssociationListener(WorkerFactory makeWorker, unsigned maxWorkers);
    ~AssociationListener();
    AssociationListener(const AssociationListener&) = delete;
    AssociationListener& operator=(const AssociationListener&) = delete;

    // Before listen(): port, time-outs, presentation contexts, transport layer (TLS).
    DcmSCPConfig& config() { return m_config; }
    // Runs on the calling thread until stop(), then waits for the associations in progress.
    // Bad when the port cannot be opened.
    OFCondition listen();
    // Any thread: listen() returns once the associations in progress end. The listening thread
    // is woken at once (a connection to its own port) rather than at its next time-out: a
    // C-MOVE's receiver is stopped after every series, and waiting up to a second each time
    // was most of what it lost to movescu.
    void stop();

private:
    struct Running {
        std::unique_ptr<DcmThreadSCP> scp;
        std::shared_ptr<std::atomic<bool>> finished;
        std::thread thread;
    };
    void handOver(T_ASC_Association* association, const DcmSharedSCPConfig& shared);
    void reap(bool waitForAll);

    WorkerFactory m_makeWorker;
    unsigned m_maxWorkers;
    DcmSCPConfig m_config;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_listening{false};  // the port is open: stop() may wake it
    std::list<Running> m_running;  // the listening thread's alone
};

} // namespace hf
