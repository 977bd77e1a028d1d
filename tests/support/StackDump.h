#pragma once
// When a test gives up waiting, what every thread was doing: the stacks of a process and of its
// child processes (the header-scanning and decoding ones), printed on stderr with the failure,
// so that a hang seen once in CI can be read from its log. gdb attaches, prints, detaches;
// nothing else changes. Arguments are left out (no patient data in the log).
#include <string>

namespace hf::test {

// `pid` and its children. Needs gdb (scripts/setup-debian.sh installs it); says so if missing.
void printStacks(long pid, const std::string& why);
// This test process and its children.
void printOwnStacks(const std::string& why);
// The shell command that writes every thread's stacks of `pid` (no argument values) into
// `outFile`, gdb's own messages included.
std::string stacksCommand(long pid, const std::string& outFile);

} // namespace hf::test
