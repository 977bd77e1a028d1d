// Child process pools started from several threads at once fork one at a time: libraries'
// fork handlers (ITK's joins and restarts its thread pool) are not safe when two threads fork
// together, and once hung a CI run for good.
#include "ChildProcessPool.h"

#include <catch2/catch.hpp>

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace hf;

namespace {

std::atomic<bool> g_watching{false};
std::atomic<int> g_inPrepare{0}, g_mostAtOnce{0}, g_prepares{0};

// A fork handler like ITK's, slow enough that two forks at once would overlap in it.
void prepare()
{
    if (!g_watching.load())
        return;
    const int now = ++g_inPrepare;
    int most = g_mostAtOnce.load();
    while (now > most && !g_mostAtOnce.compare_exchange_weak(most, now)) {
    }
    ++g_prepares;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --g_inPrepare;
}

} // namespace

TEST_CASE("child process pools run from three threads at once fork one at a time, and every job is done", "[child-processes]")
{
    static const bool registered = pthread_atfork(prepare, nullptr, nullptr) == 0;
    REQUIRE(registered);
    g_mostAtOnce = 0;
    g_prepares = 0;
    g_watching = true;
    std::atomic<int> done{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t)
        threads.emplace_back([&done] {
            const ChildProcessPool pool(2, 30);
            for (int round = 0; round < 10; ++round)
                for (const JobOutcome& o : pool.run(4, [](size_t) { return std::string(); }))
                    done += o.done && o.error.empty();
        });
    for (std::thread& t : threads)
        t.join();
    g_watching = false;
    CHECK(done == 3 * 10 * 4);
    CHECK(g_prepares >= 3 * 10 * 2);  // every fork ran the handler
    CHECK(g_mostAtOnce == 1);         // never two at once
}
