// hounsfield-cli-full.so: every command of hounsfield-cli, the workstation's libraries without a
// window (docs: ../shared/docs/cli.md). The launcher (Launcher.cpp) loads it for every command
// but the network ones (CliModules.h).
#include "PriorsCommand.h"
#include "AnnotationsCommand.h"
#include "AuditCommand.h"
#include "BenchCommand.h"
#include "CommandDispatch.h"
#include "EchoCommand.h"
#include "ListenCommand.h"
#include "FindCommand.h"
#include "ImagingModule.h"
#include "ImportCommand.h"
#include "InfoCommand.h"
#include "ListCommand.h"
#include "MakePhantomCommand.h"
#include "ProtocolsCommand.h"
#include "RetrieveCommand.h"
#include "SendCommand.h"
#include "SyncCommand.h"
#include "TagCommand.h"

#include "hf/dicomio/DcmtkSettings.h"
#include "hf/dicomio/GdcmDiagnostics.h"
#include "hf/dicomio/HeaderScanner.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

extern "C" __attribute__((visibility("default"))) int hounsfieldCliMain(int argc, char** argv)
{
    // Exports, registration and tracing load the imaging module (Qt Gui, ITK); the other
    // commands start without it. Exports paint pictures and PDFs: a QGuiApplication (offscreen).
    const QString asked = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const bool helpAsked = asked.isEmpty() || asked == "--help" || asked == "-h" || asked == "help";
    std::unique_ptr<hf::cli::ImagingModule> imaging;
    if (helpAsked || hf::cli::ImagingModule::commandNames().contains(asked))
        imaging = std::make_unique<hf::cli::ImagingModule>();
    if (imaging && !imaging->loaded() && !helpAsked)
        return hf::cli::fail(asked, imaging->error(), hf::cli::Failure);
    std::unique_ptr<QCoreApplication> application =
        asked == "export" ? imaging->paintingApplication(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication& app = *application;
    QCoreApplication::setApplicationName("hounsfield-cli");
    hf::silenceGdcmDiagnostics();
    hf::quietDcmtk();  // DCMTK's log set up here, not on the first worker thread that uses DCMTK
    std::vector<std::unique_ptr<hf::cli::CliCommand>> commands;
    const auto addImaging = [&](const char* name) {  // in its place in the list, when loaded
        if (imaging && imaging->loaded())
            if (auto command = imaging->command(name))
                commands.push_back(std::move(command));
    };
    commands.push_back(std::make_unique<hf::cli::MakePhantomCommand>());
    commands.push_back(std::make_unique<hf::cli::InfoCommand>());
    commands.push_back(std::make_unique<hf::cli::ImportCommand>());
    commands.push_back(std::make_unique<hf::cli::ListCommand>());
    addImaging("annotate");
    addImaging("register");
    commands.push_back(std::make_unique<hf::cli::PriorsCommand>());
    commands.push_back(std::make_unique<hf::cli::AnnotationsCommand>());
    commands.push_back(std::make_unique<hf::cli::TagCommand>());
    addImaging("export");
    commands.push_back(std::make_unique<hf::cli::EchoCommand>());
    commands.push_back(std::make_unique<hf::cli::ListenCommand>());
    commands.push_back(std::make_unique<hf::cli::FindCommand>());
    commands.push_back(std::make_unique<hf::cli::RetrieveCommand>());
    commands.push_back(std::make_unique<hf::cli::SendCommand>());
    commands.push_back(std::make_unique<hf::cli::SyncCommand>());
    commands.push_back(std::make_unique<hf::cli::AuditCommand>());
    commands.push_back(std::make_unique<hf::cli::BenchCommand>());
    commands.push_back(std::make_unique<hf::cli::ProtocolsCommand>());

    QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::printf("usage: hounsfield-cli COMMAND [options]   (COMMAND --help for its options)\n\ncommands:\n");
        for (const auto& c : commands)
            std::printf("  %-14s %s\n", qPrintable(c->name()), qPrintable(c->summary()));
        if (!imaging->loaded())
            std::printf("\n(%s)\n", qPrintable(imaging->error()));
        return args.isEmpty() ? hf::cli::BadInput : hf::cli::Success;
    }
    return hf::cli::dispatchCommand(args, commands);
}

// For the network module, whose own reader leaves big endian and deflated files to GDCM
// (GdcmThroughModule.cpp): GDCM's read, from this module's copy of the scanner.
extern "C" __attribute__((visibility("default"))) void hounsfieldScanFileWithGdcm(const std::string& path, hf::ScanResult& result)
{
    hf::silenceGdcmDiagnostics();
    hf::HeaderScanner::scanFileWithGdcm(path, result);
}
