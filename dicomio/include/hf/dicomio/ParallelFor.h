#pragma once
// Runs body(i) for i in [0, count) on up to `threads` workers, inside the call (the caller
// waits). Exceptions in body are the body's business: it must not throw.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace hf {

inline unsigned defaultThreadCount()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

template <class Body>
void parallelFor(size_t count, unsigned threads, Body body)
{
    if (threads == 0)
        threads = defaultThreadCount();
    threads = unsigned(std::min<size_t>(threads, count));
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next++; i < count; i = next++)
            body(i);
    };
    if (threads <= 1) {
        worker();
        return;
    }
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (auto& th : pool)
        th.join();
}

} // namespace hf
