#pragma once
// DCMTK's process-wide settings for our use of it, applied once before any association:
// - its log is quiet: every failure reaches the caller as a result with its reason, said once;
// - Nagle's algorithm is off on its sockets (DCMTK 3.6.7 leaves it on unless TCP_NODELAY=1):
//   a DIMSE response is written in two pieces, and with Nagle the second waits for the peer's
//   delayed ACK, 40 ms per instance received (measured: a 500-instance C-MOVE took 37 s instead
//   of 24 s). A TCP_NODELAY the user set is left alone.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/oflog/oflog.h>

#include <cstdlib>
#include <mutex>

namespace hf {

inline void quietDcmtk()
{
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        setenv("TCP_NODELAY", "1", 0);
    });
}

} // namespace hf
