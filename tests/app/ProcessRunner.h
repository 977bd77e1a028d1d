#pragma once
// Runs one of our executables and captures its exit code and output. What ours (hounsfield,
// hounsfield-cli) write on stderr (their log) is also appended to the scratch folder's product-stderr.log, which the last test of
// the run scans for patient identity (tests/audit/scan-product-logs.sh).
#include <QFile>
#include <QFileInfo>
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
#ifdef HF_SCRATCH_DIR
    // A header naming the program and its subcommand only: the other arguments are the test's.
    QFile log(QString(HF_SCRATCH_DIR) + "/product-stderr.log");
    if (!r.err.isEmpty() && QFileInfo(program).fileName().startsWith("hounsfield") && log.open(QIODevice::Append | QIODevice::Text))
        log.write(("== " + QFileInfo(program).fileName() + " " + args.value(0) + "\n" + r.err + (r.err.endsWith('\n') ? "" : "\n")).toUtf8());
#endif
    return r;
}

} // namespace hf::test
