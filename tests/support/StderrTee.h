#pragma once
// Everything a test executable itself prints on stderr (the product code it runs in-process:
// its warnings and errors, Qt's, the libraries') still reaches the terminal, and is also
// appended as one record to the scratch folder's product-stderr.log, which the run's last test
// scans for patient identity (tests/audit/scan-product-logs.sh). Programs the tests start keep
// their own pipes (tests/app/ProcessRunner.h logs those).
#include <atomic>
#include <string>
#include <thread>

namespace hf::test {

class StderrTee {
public:
    StderrTee(std::string logPath, std::string recordHeader);
    ~StderrTee();
    StderrTee(const StderrTee&) = delete;
    StderrTee& operator=(const StderrTee&) = delete;

private:
    void pump();

    std::string m_logPath, m_header, m_captured;
    int m_originalStderr = -1, m_readEnd = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_pump;
};

} // namespace hf::test
