#include "ChildProcessPool.h"

#include <fcntl.h>

#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace hf {
namespace {

enum State : int { Pending = 0, Running = 1, Succeeded = 2, Failed = 3 };

struct JobSlot {
    std::atomic<int> state;
    char error[248];
};

struct WorkerSlot {
    std::atomic<long> job;              // -1 when idle
    std::atomic<long long> startedNs;   // steady clock, when the job started
};

struct Control {
    std::atomic<size_t> next;
    std::atomic<bool> cancel;
};

long long nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Shared, zero-filled memory that child processes see at the same address.
class SharedBlock {
public:
    explicit SharedBlock(size_t bytes)
        : m_bytes(std::max<size_t>(bytes, 1))
        , m_data(mmap(nullptr, m_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0))
    {
        if (m_data == MAP_FAILED)
            throw std::runtime_error("cannot map shared memory for decoder processes");
    }
    ~SharedBlock() { munmap(m_data, m_bytes); }
    SharedBlock(const SharedBlock&) = delete;
    SharedBlock& operator=(const SharedBlock&) = delete;
    template <class T> T* at(size_t offset) const { return reinterpret_cast<T*>(static_cast<char*>(m_data) + offset); }

private:
    size_t m_bytes;
    void* m_data;
};

#if defined(__SANITIZE_ADDRESS__)
#define HF_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HF_ADDRESS_SANITIZER 1
#endif
#endif

// Caps the child's address space at what it has now plus budget: a decoder that believes a
// hostile length gets an allocation failure instead of the machine's memory.
void limitAddressSpace(size_t budget)
{
#ifndef HF_ADDRESS_SANITIZER
    long pages = 0;
    if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(statm, "%ld", &pages) != 1)
            pages = 0;
        std::fclose(statm);
    }
    if (pages > 0) {
        const rlim_t limit = rlim_t(pages) * rlim_t(sysconf(_SC_PAGESIZE)) + rlim_t(budget);
        const rlimit r{limit, limit};
        setrlimit(RLIMIT_AS, &r);
    }
#else
    (void)budget;
#endif
}

[[noreturn]] void childLoop(Control* control, JobSlot* jobs, size_t jobCount, WorkerSlot* me, const ChildProcessPool::Job& job,
                            size_t memoryBudget)
{
    limitAddressSpace(memoryBudget);
    // Crash handlers inherited from the parent (a test framework's, an application's) must not
    // run here: a crashing child just dies and the parent reports it.
    for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTERM})
        std::signal(sig, SIG_DFL);
    // A library's assert message is not for the user: the parent reports each failure itself.
    const int devNull = open("/dev/null", O_WRONLY);
    if (devNull >= 0)
        dup2(devNull, STDERR_FILENO);
    for (;;) {
        if (control->cancel.load())
            _exit(0);
        const size_t i = control->next.fetch_add(1);
        if (i >= jobCount)
            _exit(0);
        me->startedNs.store(nowNs());
        me->job.store(long(i));
        jobs[i].state.store(Running);
        std::string error;
        try {
            error = job(i);
        } catch (const std::exception& e) {
            error = e.what();
        } catch (...) {
            error = "unknown failure";
        }
        std::strncpy(jobs[i].error, error.c_str(), sizeof jobs[i].error - 1);
        jobs[i].state.store(error.empty() ? Succeeded : Failed);
        me->job.store(-1);
    }
}

// One fork at a time in the whole process. fork() runs the libraries' pthread_atfork handlers
// in the forking thread, and ITK's (ThreadPool::PrepareForFork: join every pool thread, then
// start them again) is not safe when two threads fork at once: two joins of one thread. That
// hung a CI run for good (the receiver's indexing stuck in fork() while another pool forked).
std::mutex& forkLock()
{
    static std::mutex lock;
    return lock;
}

std::string describeDeath(int status, bool timedOut, double seconds)
{
    if (timedOut)
        return "decoding took longer than " + std::to_string(int(seconds)) + " s and was stopped";
    // Our own readers and decoders report errors; what kills a child is a library's assert
    // (GDCM's, on malformed data) or a fault inside one. Said plainly, for a reader or an admin.
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT)
        return "GDCM aborted while reading this file: its data is malformed or uses a feature GDCM cannot handle "
               "(read in an isolated process; nothing else was affected)";
    if (WIFSIGNALED(status))
        return std::string("reading this file ended in a fault (") + strsignal(WTERMSIG(status))
               + "): its data is malformed or uses a feature the decoding library cannot handle "
                 "(read in an isolated process; nothing else was affected)";
    return "the decoder process failed (exit code " + std::to_string(WEXITSTATUS(status)) + ")";
}

} // namespace

ChildProcessPool::ChildProcessPool(unsigned processes, double secondsPerJob, size_t memoryBudget)
    : m_processes(std::max(1u, processes))
    , m_secondsPerJob(secondsPerJob)
    , m_memoryBudget(memoryBudget)
{
}

std::vector<JobOutcome> ChildProcessPool::run(size_t jobCount, const Job& job, const ProgressSink& progress,
                                              size_t progressBase, size_t progressTotal, const FinishedRange& onFinished) const
{
    std::vector<JobOutcome> outcomes(jobCount);
    if (jobCount == 0)
        return outcomes;
    const unsigned workers = unsigned(std::min<size_t>(m_processes, jobCount));
    // Each array starts on a 16-byte boundary: JobSlot's size need not be a multiple of the
    // worker slots' 8-byte alignment (UBSan caught the misaligned atomics in the fuzz run).
    auto aligned = [](size_t n) { return (n + 15) & ~size_t(15); };
    const size_t jobsOffset = aligned(sizeof(Control));
    const size_t workersOffset = aligned(jobsOffset + jobCount * sizeof(JobSlot));
    SharedBlock shared(workersOffset + workers * sizeof(WorkerSlot));
    auto* control = shared.at<Control>(0);
    auto* jobs = shared.at<JobSlot>(jobsOffset);
    auto* slots = shared.at<WorkerSlot>(workersOffset);
    for (unsigned w = 0; w < workers; ++w)
        slots[w].job.store(-1);

    // (GDCM builds its dictionaries when its library loads, so every child inherits them; this
    // pool itself needs no GDCM: a program without it forks scanners too.)
    std::vector<pid_t> pids(workers, 0);
    std::vector<bool> killedForTime(workers, false);
    auto spawn = [&](unsigned w) {
        slots[w].job.store(-1);
        killedForTime[w] = false;
        pid_t pid = -1;
        {
            const std::lock_guard<std::mutex> oneAtATime(forkLock());
            pid = fork();
        }
        if (pid == 0)
            childLoop(control, jobs, jobCount, &slots[w], job, m_memoryBudget);
        pids[w] = pid > 0 ? pid : 0;
    };
    for (unsigned w = 0; w < workers; ++w)
        spawn(w);
    if (std::none_of(pids.begin(), pids.end(), [](pid_t p) { return p > 0; }))
        throw std::runtime_error("cannot start decoder processes (fork failed)");

    size_t reported = size_t(-1);
    size_t handedOver = 0;  // jobs [0, handedOver) given to onFinished
    auto settle = [&](size_t i) {
        const int state = jobs[i].state.load();
        outcomes[i].done = state >= Succeeded || state == Running;
        if (state == Failed)
            outcomes[i].error = jobs[i].error[0] ? jobs[i].error : "decoding failed";
        else if (state == Running)
            outcomes[i].error = "the decoder stopped while reading this file";
    };
    const long long limitNs = (long long)(m_secondsPerJob * 1e9);
    for (;;) {
        bool anyAlive = false;
        for (unsigned w = 0; w < workers; ++w) {
            if (pids[w] <= 0)
                continue;
            int status = 0;
            const pid_t r = waitpid(pids[w], &status, WNOHANG);
            if (r == 0) {
                anyAlive = true;
                const long current = slots[w].job.load();
                if (current >= 0 && nowNs() - slots[w].startedNs.load() > limitNs && !killedForTime[w]) {
                    killedForTime[w] = true;
                    kill(pids[w], SIGKILL);
                }
                continue;
            }
            pids[w] = 0;
            const long current = slots[w].job.load();
            const bool died = r < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
            if (died && current >= 0 && jobs[current].state.load() == Running) {
                const std::string reason = describeDeath(status, killedForTime[w], m_secondsPerJob);
                std::strncpy(jobs[current].error, reason.c_str(), sizeof jobs[current].error - 1);
                jobs[current].state.store(Failed);
            }
            // A dead worker leaves the remaining jobs to a fresh one.
            if (died && !control->cancel.load() && control->next.load() < jobCount) {
                spawn(w);
                anyAlive = anyAlive || pids[w] > 0;
            }
        }
        if (progress.cancelled())
            control->cancel.store(true);
        size_t finished = 0;
        for (size_t i = 0; i < jobCount; ++i)
            finished += jobs[i].state.load() >= Succeeded;
        if (finished != reported) {
            reported = finished;
            progress(progressBase + finished, progressTotal ? progressTotal : jobCount);
        }
        if (onFinished) {
            size_t upTo = handedOver;
            while (upTo < jobCount && jobs[upTo].state.load() >= Succeeded)
                settle(upTo++);
            if (upTo > handedOver) {
                onFinished(handedOver, upTo, outcomes);
                handedOver = upTo;
            }
        }
        if (!anyAlive)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    for (size_t i = handedOver; i < jobCount; ++i)
        settle(i);
    if (onFinished && handedOver < jobCount)
        onFinished(handedOver, jobCount, outcomes);
    return outcomes;
}

} // namespace hf
