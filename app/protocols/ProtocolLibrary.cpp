#include "ProtocolLibrary.h"

#include "ProtocolReader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

// Outside any namespace, as Qt requires: the compiled-in resources of the static hf::resources.
static void initResources() { Q_INIT_RESOURCE(resources); }

namespace hf::protocols {
namespace {

// Used when no fallback protocol could be read (every file broken): one series per view.
HangingProtocol lastResort()
{
    HangingProtocol p;
    p.name = "Fallback";
    p.fallback = true;
    p.builtIn = true;
    ProtocolStage stage;
    stage.name = "One series per view";
    stage.layout = "2x2";
    for (int i = 0; i < 4; ++i) {
        ViewRule view;
        view.series.push_back(SeriesSelector{});
        view.series.back().distinct = true;
        stage.views.push_back(view);
    }
    p.stages.push_back(stage);
    return p;
}

} // namespace

ProtocolLibrary::ProtocolLibrary(const QString& userFolder, const QStringList& knownPresets) : m_userFolder(userFolder)
{
    initResources();
    readFolder(":/hounsfield/protocols", true, knownPresets);
    if (!userFolder.isEmpty())
        readFolder(userFolder, false, knownPresets);
    if (std::none_of(m_protocols.begin(), m_protocols.end(), [](const HangingProtocol& p) { return p.fallback; }))
        m_protocols.push_back(lastResort());
}

QString ProtocolLibrary::defaultUserFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + "/hounsfield/protocols";
}

QStringList ProtocolLibrary::builtInPresetNames()
{
    initResources();
    QFile file(":/hounsfield/presets/window-presets.json");
    QStringList names;
    if (file.open(QIODevice::ReadOnly))
        for (const QJsonValue& p : QJsonDocument::fromJson(file.readAll()).object().value("presets").toArray())
            names << p.toObject().value("name").toString();
    return names;
}

void ProtocolLibrary::readFolder(const QString& folder, bool builtIn, const QStringList& knownPresets)
{
    const ProtocolReader reader(knownPresets);
    const QDir dir(folder);
    for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
        QString error;
        auto protocol = reader.read(dir.filePath(name), error);
        if (!protocol) {
            m_errors << error;
            continue;
        }
        protocol->builtIn = builtIn;
        // The reader's own protocol replaces a built-in one of the same name.
        const auto same = std::find_if(m_protocols.begin(), m_protocols.end(),
                                       [&](const HangingProtocol& p) { return p.name.compare(protocol->name, Qt::CaseInsensitive) == 0; });
        if (same != m_protocols.end())
            *same = std::move(*protocol);
        else
            m_protocols.push_back(std::move(*protocol));
    }
}

const HangingProtocol* ProtocolLibrary::byName(const QString& name) const
{
    for (const auto& p : m_protocols)
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            return &p;
    return nullptr;
}

const HangingProtocol& ProtocolLibrary::fallback() const
{
    // The reader's fallback wins over the built-in one (it was read later).
    const HangingProtocol* found = nullptr;
    for (const auto& p : m_protocols)
        if (p.fallback && (!found || !p.builtIn))
            found = &p;
    return *found;
}

} // namespace hf::protocols
