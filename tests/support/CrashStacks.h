#pragma once
// A test executable that crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) prints every
// thread's stacks (gdb, as StackDump.h does for a hang) on stdout before it dies: a crash seen
// once in CI then leaves where it happened, not only Catch's "SIGSEGV" and the test's name.
// Catch2 reports the signal first and then hands it on to the handler installed here. Processes
// forked from the test (decoder children, which may die on hostile files by design) die as
// before, without stacks.
namespace hf::test {

void printStacksOnCrash();

} // namespace hf::test
