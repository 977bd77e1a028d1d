#pragma once
// Runs one of our executables and captures its exit code and output.
#include <QProcess>
#include <QString>
#include <QStringList>

namespace hf::test {

struct ProcessResult {
    int exitCode = -1;
    bool crashed = false;
    QString out, err;
};

inline ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs = 120000,
                                const QString& workingDirectory = {})
{
    QProcess p;
    if (!workingDirectory.isEmpty())
        p.setWorkingDirectory(workingDirectory);
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace hf::test
