#include "ImagingModule.h"

#include "CliCommand.h"
#include "CliModules.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <dlfcn.h>

namespace hf::cli {

const QStringList& ImagingModule::commandNames()
{
    static const QStringList names{"annotate", "register", "export"};
    return names;
}

ImagingModule::ImagingModule()
{
    QString tried;
    for (const std::string& where : modulePlaces("hounsfield-cli-imaging.so")) {
        const QString place = QString::fromStdString(where);
        if (!QFileInfo::exists(place)) {
            tried += (tried.isEmpty() ? "" : ", ") + place;
            continue;
        }
        m_handle = dlopen(place.toLocal8Bit().constData(), RTLD_NOW | RTLD_LOCAL);
        if (!m_handle) {
            m_error = QString("cannot load %1: %2").arg(place, dlerror());
            return;
        }
        m_makeCommand = reinterpret_cast<MakeImagingCommand>(dlsym(m_handle, kMakeImagingCommand));
        m_makeApplication = reinterpret_cast<MakePaintingApplication>(dlsym(m_handle, kMakePaintingApplication));
        if (!m_makeCommand || !m_makeApplication) {
            m_error = QString("%1 is not this program's imaging module (no %2)").arg(place, kMakeImagingCommand);
            m_handle = nullptr;  // left mapped: harmless, and nothing of it is used
        }
        return;
    }
    m_error = "the imaging module (export, register, annotate) is not installed: looked for " + tried;
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
