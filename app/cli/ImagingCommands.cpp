// The imaging module's entry points (ImagingModule.h): the commands that need Qt Gui or ITK.
#include "AnnotateCommand.h"
#include "ExportCommand.h"
#include "ImagingModule.h"
#include "RegisterCommand.h"

#include <QGuiApplication>

#include <cstring>

extern "C" __attribute__((visibility("default"))) hf::cli::CliCommand* hounsfieldMakeImagingCommand(const char* name)
{
    if (std::strcmp(name, "annotate") == 0)
        return new hf::cli::AnnotateCommand;
    if (std::strcmp(name, "register") == 0)
        return new hf::cli::RegisterCommand;
    if (std::strcmp(name, "export") == 0)
        return new hf::cli::ExportCommand;
    return nullptr;
}

extern "C" __attribute__((visibility("default"))) QCoreApplication* hounsfieldMakePaintingApplication(int* argc, char** argv)
{
    // Pictures and PDFs are painted without a display: the offscreen platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return new QGuiApplication(*argc, argv);
}
