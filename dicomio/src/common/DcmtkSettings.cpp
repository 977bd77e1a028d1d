#include "hf/dicomio/DcmtkSettings.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/oflog/oflog.h>

#include <cstdlib>
#include <mutex>

namespace hf {

void quietDcmtk()
{
    static std::once_flag once;
    std::call_once(once, [] {
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        setenv("TCP_NODELAY", "1", 0);
    });
}

} // namespace hf
