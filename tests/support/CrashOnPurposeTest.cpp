// Hidden ("[.]"): run only by the ctest check that a crashing test prints its stacks
// (CrashStacks.h). The fault is raised, not provoked through undefined behaviour.
#include <catch2/catch.hpp>

#include <csignal>

namespace {

[[gnu::noinline]] void crashOnPurposeInATest()
{
    std::raise(SIGSEGV);
}

} // namespace

TEST_CASE("a test that crashes on purpose", "[.][crash-on-purpose]")
{
    crashOnPurposeInATest();
    CHECK(false);  // not reached
}
