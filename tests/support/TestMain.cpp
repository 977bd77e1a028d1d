// Shared Catch2 main: GDCM's own stderr chatter is switched off, as in the executables.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "hf/dicomio/GdcmDiagnostics.h"

int main(int argc, char** argv)
{
    hf::silenceGdcmDiagnostics();
    return Catch::Session().run(argc, argv);
}
