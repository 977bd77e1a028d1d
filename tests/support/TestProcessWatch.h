#pragma once
// What every test executable's main sets up, once its environment is set: its stderr teed for
// the log scan (StderrTee.h), stacks on a hang (HangWatch.h) or a crash (CrashStacks.h), and the
// libraries' own logging settled before any test thread can use them.
#include "HangWatch.h"
#include "StderrTee.h"

namespace hf::test {

class TestProcessWatch {
public:
    explicit TestProcessWatch(const char* programName);

private:
    StderrTee m_tee;
    HangWatch m_watch;
};

} // namespace hf::test
