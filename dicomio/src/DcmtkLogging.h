#pragma once
// DCMTK logs every association step at INFO on stderr; our commands say what matters themselves.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/oflog/oflog.h>

#include <mutex>

namespace hf {

inline void quietDcmtk()
{
    static std::once_flag once;
    // Errors too: every failure reaches the caller as a result with its reason, said once.
    std::call_once(once, [] { OFLog::configure(OFLogger::FATAL_LOG_LEVEL); });
}

} // namespace hf
