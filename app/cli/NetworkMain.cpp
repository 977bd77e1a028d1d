// hounsfield-cli-network.so: echo, find and retrieve, in a module that links no GDCM, Qt Gui or
// ITK (CliModules.h says why). Retrieved files are read by our own header reader; the few it
// leaves to GDCM (big endian, deflated) are read through the full module (GdcmThroughModule.cpp).
#include "CommandDispatch.h"
#include "EchoCommand.h"
#include "FindCommand.h"
#include "RetrieveCommand.h"

#include "hf/dicomio/DcmtkSettings.h"

#include <QCoreApplication>

extern "C" __attribute__((visibility("default"))) int hounsfieldCliMain(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("hounsfield-cli");
    hf::quietDcmtk();  // DCMTK's log set up here, not on the first worker thread that uses DCMTK
    std::vector<std::unique_ptr<hf::cli::CliCommand>> commands;
    commands.push_back(std::make_unique<hf::cli::EchoCommand>());
    commands.push_back(std::make_unique<hf::cli::FindCommand>());
    commands.push_back(std::make_unique<hf::cli::RetrieveCommand>());
    return hf::cli::dispatchCommand(QCoreApplication::arguments().mid(1), commands);
}
