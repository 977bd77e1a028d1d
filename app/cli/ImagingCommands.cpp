// The imaging module's entry points (ImagingModule.h): the commands that need Qt Gui or ITK.
#include "AnnotateCommand.h"
#include "ExportCommand.h"
#include "ImagingModule.h"
#include "RegisterCommand.h"

#include <QGuiApplication>

#include <memory>

extern "C" __attribute__((visibility("default"))) hf::cli::CliCommand* hounsfieldMakeImagingCommand(const char* name)
{
    std::unique_ptr<hf::cli::CliCommand> held[] = {std::make_unique<hf::cli::AnnotateCommand>(), std::make_unique<hf::cli::RegisterCommand>(),
                                                   std::make_unique<hf::cli::ExportCommand>()};
    for (auto& command : held)
        if (command->name() == QString::fromUtf8(name))
            return command.release();
    return nullptr;
}

extern "C" __attribute__((visibility("default"))) QCoreApplication* hounsfieldMakePaintingApplication(int* argc, char** argv)
{
    // Pictures and PDFs are painted without a display: the offscreen platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return new QGuiApplication(*argc, argv);
}
