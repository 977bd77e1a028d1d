// hounsfield-cli's modules (app/cli/CliModules.h): which libraries each command loads, the
// command list across them, and what the program says when a module is missing.
#include "ProcessRunner.h"
#include "TestPaths.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QFileInfo>

using namespace hf::test;

namespace {
const QString cli = HF_CLI_EXE;
} // namespace

TEST_CASE("commands start without Qt Gui and ITK, echo/find/retrieve without GDCM; export, register and annotate load the imaging module", "[cli]")
{
    // LD_DEBUG=files names every library as the loader maps it (on stderr).
    const QString db = QString::fromStdString((scratch("cli-imaging-module") / "cache.db").string());
    const ProcessResult light = runProcess("env", {"LD_DEBUG=files", cli, "list", "--db", db});
    REQUIRE(light.exitCode == 0);
    CHECK(light.err.contains("file=libQt6Core.so.6"));
    CHECK(light.err.contains("file=libgdcmMSFF.so"));
    CHECK_FALSE(light.err.contains("libQt6Gui"));
    CHECK_FALSE(light.err.contains("libITK"));
    CHECK_FALSE(light.err.contains("hounsfield-cli-imaging.so"));
    const std::vector<std::pair<QString, QString>> imaging{{"export", "export a series as jpeg, png"},
                                                           {"register", "rigidly register a cached series"},
                                                           {"annotate", "create an annotation as the GUI's tools would"}};
    for (const auto& [command, summary] : imaging) {
        INFO(command.toStdString());
        const ProcessResult heavy = runProcess("env", {"LD_DEBUG=files", cli, command, "--help"});
        CHECK(heavy.exitCode == 0);
        CHECK(heavy.err.contains("hounsfield-cli-imaging.so"));
        CHECK(heavy.out.contains(summary));  // the command's own help
    }
    CHECK(runProcess("env", {"LD_DEBUG=files", cli, "export", "--help"}).err.contains("file=libQt6Gui.so.6"));
    CHECK(runProcess("env", {"LD_DEBUG=files", cli, "register", "--help"}).err.contains("libITKRegistrationMethodsv4"));

    // The command list names them in their places.
    const ProcessResult help = runProcess(cli, {"--help"});
    REQUIRE(help.exitCode == 0);
    QStringList names;
    for (const QString& line : help.out.split('\n'))
        if (line.startsWith("  "))
            names << line.trimmed().section(' ', 0, 0);
    CHECK(names == QStringList{"make-phantom", "info",   "import", "list",   "annotate", "register", "priors", "annotations", "tag",  "export",
                               "echo",         "listen", "find",   "retrieve", "send",   "sync",     "audit",  "bench",       "protocols"});

    // The network commands run in a module that links no GDCM.
    const ProcessResult network = runProcess("env", {"LD_DEBUG=files", cli, "find", "--help"});
    CHECK(network.exitCode == 0);
    CHECK(network.err.contains("hounsfield-cli-network.so"));
    CHECK_FALSE(network.err.contains("libgdcm"));
    CHECK_FALSE(network.err.contains("hounsfield-cli-full.so"));

    // Without the imaging module (the program and its other modules elsewhere), those three say
    // so; the rest still run.
    const QString aloneDir = QString::fromStdString(scratch("cli-without-module").string());
    const QString alone = aloneDir + "/hounsfield-cli";
    for (const QString& file : {QString("hounsfield-cli"), QString("hounsfield-cli-full.so"), QString("hounsfield-cli-network.so")}) {
        QFile::remove(aloneDir + "/" + file);
        REQUIRE(QFile::copy(QFileInfo(cli).absolutePath() + "/" + file, aloneDir + "/" + file));
    }
    const ProcessResult missing = runProcess(alone, {"export", "--help"});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.startsWith("hounsfield-cli export: the imaging module (export, register, annotate) is not installed: looked for " +
                                 QFileInfo(alone).canonicalPath() + "/hounsfield-cli-imaging.so"));
    CHECK(runProcess(alone, {"list", "--db", db}).exitCode == 0);
    const ProcessResult partialHelp = runProcess(alone, {"--help"});
    CHECK(partialHelp.exitCode == 0);
    CHECK(partialHelp.out.contains("  retrieve "));
    CHECK_FALSE(partialHelp.out.contains("  export "));
    CHECK(partialHelp.out.contains("(the imaging module (export, register, annotate) is not installed"));

    // The program without any of its modules says where it looked.
    const QString bare = QString::fromStdString((scratch("cli-without-modules") / "hounsfield-cli").string());
    QFile::remove(bare);
    REQUIRE(QFile::copy(cli, bare));
    for (const QString& command : {QString("list"), QString("find")}) {
        const ProcessResult none = runProcess(bare, {command, "--help"});
        CHECK(none.exitCode == 1);
        CHECK(none.err.startsWith("hounsfield-cli: its commands are not installed: looked for " + QFileInfo(bare).canonicalPath()
                                  + (command == "list" ? "/hounsfield-cli-full.so" : "/hounsfield-cli-network.so")));
    }
}
