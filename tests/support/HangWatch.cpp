#include "HangWatch.h"

#include "StackDump.h"

#include <chrono>
#include <cstdlib>
#include <string>

namespace hf::test {

HangWatch::HangWatch(int seconds)
{
    if (const char* set = std::getenv("HF_STACKS_AFTER_S"))
        seconds = std::atoi(set);
    m_thread = std::thread([this, seconds] {
        std::unique_lock<std::mutex> held(m_lock);
        if (!m_ended.wait_for(held, std::chrono::seconds(seconds), [this] { return m_finished; }))
            printOwnStacks("still running after " + std::to_string(seconds) + " s");
    });
}

HangWatch::~HangWatch()
{
    {
        const std::lock_guard<std::mutex> guard(m_lock);
        m_finished = true;
    }
    m_ended.notify_one();
    m_thread.join();
}

} // namespace hf::test
