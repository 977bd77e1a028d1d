#pragma once
// Runs jobs in forked child processes, so that a decoder that aborts (Debian's GDCM keeps its
// asserts), crashes or hangs on a hostile file costs that one file, not the application.
// Children write their output into MAP_SHARED memory the caller set up before run(); only a
// short status and error text per job comes back through the pool's own shared memory.
// Synchronous: run() returns when every job has finished, failed or been cancelled.
#include "hf/dicomio/Progress.h"

#include <functional>
#include <string>
#include <vector>

namespace hf {

struct JobOutcome {
    bool done = false;  // false: never run (cancelled)
    std::string error;  // empty on success
};

class ChildProcessPool {
public:
    // job(i) runs in a child; it returns an error message or an empty string.
    using Job = std::function<std::string(size_t index)>;

    // memoryBudget: bytes a child may map beyond what it inherits (not enforced under ASan,
    // whose shadow memory needs the address space).
    ChildProcessPool(unsigned processes, double secondsPerJob, size_t memoryBudget = size_t(2) << 30);

    // onFinished(from, to, outcomes): called on the caller's thread whenever the jobs finished
    // in index order grow (jobs are handed out in order, so this follows the children closely),
    // with outcomes[from..to) filled in; the last call covers the rest, cancelled jobs included.
    using FinishedRange = std::function<void(size_t from, size_t to, const std::vector<JobOutcome>& outcomes)>;
    std::vector<JobOutcome> run(size_t jobCount, const Job& job, const ProgressSink& progress = {},
                                size_t progressBase = 0, size_t progressTotal = 0, const FinishedRange& onFinished = {}) const;

private:
    unsigned m_processes;
    double m_secondsPerJob;
    size_t m_memoryBudget;
};

} // namespace hf
