#pragma once
// The commands that paint pictures (export: Qt Gui) or register and trace images (register,
// annotate: ITK) live in a module, hounsfield-cli-imaging.so, that hounsfield-cli loads only
// when one of them runs: loading Qt Gui and ITK with every process cost each command ~22 ms of
// its ~85 ms start (docs/performance.md). It lies where the other modules do (CliModules.h).
#include <QString>
#include <QStringList>

#include <memory>

class QCoreApplication;

namespace hf::cli {

class CliCommand;

// The module's two entry points (extern "C", looked up by name).
using MakeImagingCommand = CliCommand* (*)(const char* name);        // new'd; nullptr: not one of them
using MakePaintingApplication = QCoreApplication* (*)(int* argc, char** argv);  // a QGuiApplication
inline constexpr const char* kMakeImagingCommand = "hounsfieldMakeImagingCommand";
inline constexpr const char* kMakePaintingApplication = "hounsfieldMakePaintingApplication";

class ImagingModule {
public:
    // The commands the module holds, known without loading it.
    static const QStringList& commandNames();

    // Loads the module found from the running program's place; error() says why not. It stays
    // loaded until the process ends: its commands and application object may outlive this.
    ImagingModule();
    ImagingModule(const ImagingModule&) = delete;
    ImagingModule& operator=(const ImagingModule&) = delete;

    bool loaded() const { return m_handle != nullptr; }
    const QString& error() const { return m_error; }
    std::unique_ptr<CliCommand> command(const QString& name) const;
    // The application object for commands that paint (fonts need a QGuiApplication).
    std::unique_ptr<QCoreApplication> paintingApplication(int& argc, char** argv) const;

private:
    void* m_handle = nullptr;
    MakeImagingCommand m_makeCommand = nullptr;
    MakePaintingApplication m_makeApplication = nullptr;
    QString m_error;
};

} // namespace hf::cli
