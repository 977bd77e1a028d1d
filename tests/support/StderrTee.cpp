#include "StderrTee.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace hf::test {

StderrTee::StderrTee(std::string logPath, std::string recordHeader)
    : m_logPath(std::move(logPath))
    , m_header(std::move(recordHeader))
{
    int ends[2];
    if (pipe2(ends, O_CLOEXEC) != 0)
        return;
    m_originalStderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (m_originalStderr < 0 || dup2(ends[1], STDERR_FILENO) < 0) {
        close(ends[0]);
        close(ends[1]);
        return;
    }
    close(ends[1]);
    m_readEnd = ends[0];
    m_pump = std::thread([this] { pump(); });
}

// Copies the pipe to the real stderr as it comes. Stops when asked and nothing is left to read,
// not at end of file: a program a test left running may still hold the pipe's write end.
void StderrTee::pump()
{
    char buffer[4096];
    for (;;) {
        pollfd p{m_readEnd, POLLIN, 0};
        const int ready = poll(&p, 1, 50);
        if (ready > 0 && (p.revents & POLLIN)) {
            const ssize_t n = read(m_readEnd, buffer, sizeof buffer);
            if (n > 0) {
                m_captured.append(buffer, size_t(n));
                for (ssize_t done = 0; done < n;) {
                    const ssize_t w = write(m_originalStderr, buffer + done, size_t(n - done));
                    if (w <= 0)
                        break;
                    done += w;
                }
                continue;
            }
        }
        if (ready > 0 && (p.revents & (POLLHUP | POLLERR)) && !(p.revents & POLLIN))
            return;
        if (m_stop.load() && ready == 0)
            return;
    }
}

StderrTee::~StderrTee()
{
    if (m_readEnd < 0)
        return;
    dup2(m_originalStderr, STDERR_FILENO);  // our write end closes with it
    m_stop.store(true);
    m_pump.join();
    close(m_readEnd);
    close(m_originalStderr);
    if (m_captured.empty())
        return;
    const std::string record = m_header + "\n" + m_captured + (m_captured.back() == '\n' ? "" : "\n");
    // One write with O_APPEND: records of executables running side by side do not interleave.
    const int log = open(m_logPath.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (log >= 0) {
        [[maybe_unused]] const ssize_t written = write(log, record.data(), record.size());
        close(log);
    }
}

} // namespace hf::test
