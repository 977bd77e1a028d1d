#include "hf/dicomio/GdcmDiagnostics.h"

#include <gdcmTrace.h>

namespace hf {

void silenceGdcmDiagnostics()
{
    gdcm::Trace::WarningOff();
    gdcm::Trace::DebugOff();
    gdcm::Trace::ErrorOff();
}

} // namespace hf
