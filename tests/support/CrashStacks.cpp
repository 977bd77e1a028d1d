#include "CrashStacks.h"

#include "StackDump.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace hf::test {

namespace {

// Made before any crash: a signal handler may not allocate (the crash may be inside malloc).
pid_t g_testProcess = 0;
char g_command[2048];
char g_stacksFile[512];

void writeAll(int fd, const char* text, size_t size)
{
    for (size_t done = 0; done < size;) {
        const ssize_t n = write(fd, text + done, size - done);
        if (n <= 0)
            return;
        done += size_t(n);
    }
}

void writeText(int fd, const char* text)
{
    size_t size = 0;
    while (text[size])
        ++size;
    writeAll(fd, text, size);
}

// Only async-signal-safe calls: vfork (no atfork handlers run, unlike fork), exec, wait, read,
// write. gdb writes to a file, not to our stderr, which StderrTee's thread (stopped by gdb too)
// drains; the file is then copied to stdout, which ctest logs as well.
void onCrash(int signal)
{
    if (getpid() == g_testProcess) {
        writeText(STDOUT_FILENO, "==== stacks at the crash (signal ");
        char digits[4] = {char('0' + signal / 10), char('0' + signal % 10), ')', 0};
        writeText(STDOUT_FILENO, digits);
        writeText(STDOUT_FILENO, " ====\n");
        const pid_t shell = vfork();
        if (shell == 0) {
            execl("/bin/sh", "sh", "-c", g_command, static_cast<char*>(nullptr));
            _exit(127);
        }
        if (shell > 0) {
            int status = 0;
            waitpid(shell, &status, 0);
        }
        const int stacks = open(g_stacksFile, O_RDONLY | O_CLOEXEC);
        if (stacks >= 0) {
            char buffer[4096];
            for (ssize_t n; (n = read(stacks, buffer, sizeof buffer)) > 0;)
                writeAll(STDOUT_FILENO, buffer, size_t(n));
            close(stacks);
            unlink(g_stacksFile);
        }
        writeText(STDOUT_FILENO, "==== end of the stacks at the crash ====\n");
    }
    ::signal(signal, SIG_DFL);
    raise(signal);
}

} // namespace

void printStacksOnCrash()
{
    g_testProcess = getpid();
    std::snprintf(g_stacksFile, sizeof g_stacksFile, "%s/crash-stacks-%ld.txt", HF_SCRATCH_DIR, long(g_testProcess));
    const std::string command = std::string("command -v gdb > /dev/null || { echo '(gdb is not installed)' > '") + g_stacksFile +
                                "'; exit; }; " + stacksCommand(long(g_testProcess), g_stacksFile);
    std::snprintf(g_command, sizeof g_command, "%s", command.c_str());
    // Yama's ptrace_scope 1 lets only ancestors attach: gdb is our descendant, and allowed anyway.
    prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
    struct sigaction action {};
    action.sa_handler = onCrash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;
    for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
        sigaction(signal, &action, nullptr);
}

} // namespace hf::test
