#pragma once
// Progress reporting and cancellation shared by every long library call.
#include <atomic>
#include <cstddef>
#include <functional>

namespace hf {

struct ProgressSink {
    // Called with (done, total) from worker threads; must be thread-safe and cheap.
    std::function<void(size_t done, size_t total)> report;
    // Set by the caller (any thread) to stop the work early; the call then returns what it has.
    const std::atomic<bool>* cancel = nullptr;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    void operator()(size_t done, size_t total) const { if (report) report(done, total); }
};

} // namespace hf
