#include "ImagingModule.h"

#include "CliCommand.h"
#include "CliModules.h"

#include <QCoreApplication>

#include <dlfcn.h>

namespace hf::cli {

const QStringList& ImagingModule::commandNames()
{
    static const QStringList names{"annotate", "register", "export"};
    return names;
}

ImagingModule::ImagingModule()
{
    const LoadedModule module = loadModule("hounsfield-cli-imaging.so", RTLD_NOW | RTLD_LOCAL);
    const QString place = QString::fromStdString(module.place);
    if (module.place.empty()) {
        m_error = "the imaging module (export, register, annotate) is not installed: looked for " + QString::fromStdString(module.tried);
        return;
    }
    if (!module.handle) {
        m_error = QString("cannot load %1: %2").arg(place, QString::fromStdString(module.error));
        return;
    }
    m_makeCommand = reinterpret_cast<MakeImagingCommand>(dlsym(module.handle, kMakeImagingCommand));
    m_makeApplication = reinterpret_cast<MakePaintingApplication>(dlsym(module.handle, kMakePaintingApplication));
    if (!m_makeCommand || !m_makeApplication)
        m_error = QString("%1 is not this program's imaging module (no %2)").arg(place, kMakeImagingCommand);
    else
        m_handle = module.handle;  // (otherwise left mapped: harmless, and nothing of it is used)
}

std::unique_ptr<CliCommand> ImagingModule::command(const QString& name) const
{
    if (!m_handle)
        return nullptr;
    return std::unique_ptr<CliCommand>(m_makeCommand(name.toUtf8().constData()));
}

std::unique_ptr<QCoreApplication> ImagingModule::paintingApplication(int& argc, char** argv) const
{
    if (!m_handle)
        return nullptr;
    return std::unique_ptr<QCoreApplication>(m_makeApplication(&argc, argv));
}

} // namespace hf::cli
