#include "TestProcessWatch.h"

#include "CrashStacks.h"
#include "hf/dicomio/DcmtkSettings.h"
#include "hf/dicomio/GdcmDiagnostics.h"

#include <string>

namespace hf::test {

TestProcessWatch::TestProcessWatch(const char* programName)
    : m_tee(HF_SCRATCH_DIR "/product-stderr.log", std::string("== ") + programName + " (in-process)")
    , m_watch(280)  // ctest ends every test executable at 300 s
{
    printStacksOnCrash();
    silenceGdcmDiagnostics();
    quietDcmtk();  // DCMTK's log set up here, not on the first worker thread that uses DCMTK
}

} // namespace hf::test
