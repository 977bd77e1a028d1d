#include "StackDump.h"

#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace hf::test {

namespace {

std::vector<long> childrenOf(long pid)
{
    std::vector<long> children;
    std::ifstream tasks("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    for (long child = 0; tasks >> child;)
        children.push_back(child);
    return children;
}

void printOne(long pid, const std::string& why)
{
    // To a file, not a pipe: gdb stops every thread of the process, the test's own reader too.
    const std::string out = std::string(HF_SCRATCH_DIR) + "/stacks-" + std::to_string(getpid()) + ".txt";
    const int status = std::system(stacksCommand(pid, out).c_str());
    std::ifstream text(out);
    const std::string stacks((std::istreambuf_iterator<char>(text)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "==== stacks of process %ld (%s), gdb exit %d ====\n%s==== end of the stacks of %ld ====\n", pid, why.c_str(),
                 status, stacks.c_str(), pid);
    std::remove(out.c_str());
}

} // namespace

void printStacks(long pid, const std::string& why)
{
    if (std::system("command -v gdb > /dev/null 2>&1") != 0) {
        std::fprintf(stderr, "(no stacks of process %ld for \"%s\": gdb is not installed)\n", pid, why.c_str());
        return;
    }
    const std::vector<long> children = childrenOf(pid);  // before gdb, itself a child when pid is us
    printOne(pid, why);
    for (long child : children)
        printOne(child, why + ", a child of " + std::to_string(pid));
}

std::string stacksCommand(long pid, const std::string& outFile)
{
    return "timeout 120 gdb -p " + std::to_string(pid) +
           " -batch -nx -iex 'set print frame-arguments none' -ex 'thread apply all bt 40' > '" + outFile + "' 2>&1";
}

void printOwnStacks(const std::string& why)
{
    // Yama's ptrace_scope 1 lets only ancestors attach: gdb is our child.
    prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
    printStacks(long(getpid()), why);
}

} // namespace hf::test
