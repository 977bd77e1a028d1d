#pragma once
// Prints this test process's stacks (StackDump.h) when it is still running shortly before
// ctest's time-out (300 s for every test executable) ends it: a hang in CI then leaves what each
// thread was doing in the log, not only "Timeout". HF_STACKS_AFTER_S overrides the seconds.
#include <condition_variable>
#include <mutex>
#include <thread>

namespace hf::test {

class HangWatch {
public:
    explicit HangWatch(int seconds);
    ~HangWatch();
    HangWatch(const HangWatch&) = delete;
    HangWatch& operator=(const HangWatch&) = delete;

private:
    std::mutex m_lock;
    std::condition_variable m_ended;
    bool m_finished = false;
    std::thread m_thread;
};

} // namespace hf::test
