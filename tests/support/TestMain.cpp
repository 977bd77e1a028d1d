// Shared Catch2 main: GDCM's own stderr chatter is switched off, as in the executables.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "TestProcessWatch.h"

int main(int argc, char** argv)
{
    const hf::test::TestProcessWatch watch(argv[0]);
    return Catch::Session().run(argc, argv);
}
