// Shared Catch2 main: GDCM's own stderr chatter is switched off, as in the executables.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "CrashStacks.h"
#include "HangWatch.h"
#include "StderrTee.h"
#include "hf/dicomio/DcmtkSettings.h"
#include "hf/dicomio/GdcmDiagnostics.h"

#include <string>

int main(int argc, char** argv)
{
    const hf::test::StderrTee tee(HF_SCRATCH_DIR "/product-stderr.log", std::string("== ") + argv[0] + " (in-process)");
    const hf::test::HangWatch watch(280);  // ctest ends every test executable at 300 s
    hf::test::printStacksOnCrash();
    hf::silenceGdcmDiagnostics();
    hf::quietDcmtk();  // DCMTK's log set up here, not on the first worker thread that uses DCMTK
    return Catch::Session().run(argc, argv);
}
