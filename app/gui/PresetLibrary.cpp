#include "PresetLibrary.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

// The resources live in a static library: without this reference the linker drops them.
static void initialisePresetResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace hf::gui {
namespace {

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

PresetLibrary::PresetLibrary()
{
    initialisePresetResources();
    for (const auto& v : readJson(":/hounsfield/presets/window-presets.json")["presets"].toArray()) {
        const QJsonObject o = v.toObject();
        m_window.push_back({o["name"].toString(), o["key"].toString(), o["center"].toDouble(), o["width"].toDouble()});
    }
    const QString folder = ":/hounsfield/colormaps";
    for (const QString& file : QDir(folder).entryList({"*.json"}, QDir::Files, QDir::Name)) {
        const QJsonObject o = readJson(folder + "/" + file);
        std::vector<ColourStop> stops;
        for (const auto& v : o["stops"].toArray()) {
            const QJsonArray a = v.toArray();
            const auto channel = [&a](int n) { return std::uint8_t(std::clamp(a[n].toInt(), 0, 255)); };
            stops.push_back({a[0].toDouble(), channel(1), channel(2), channel(3)});
        }
        m_colourTables.emplace_back(o["name"].toString(file).toStdString(), std::move(stops));
    }
    std::stable_partition(m_colourTables.begin(), m_colourTables.end(), [](const ColourTable& t) { return t.name() == "Hot iron"; });
}

const ColourTable* PresetLibrary::colourTable(const QString& name) const
{
    const auto key = [](QString text) { return text.toLower().replace('-', ' ').trimmed(); };
    for (const ColourTable& t : m_colourTables)
        if (key(QString::fromStdString(t.name())) == key(name))
            return &t;
    return nullptr;
}

std::optional<WindowLevelPreset> PresetLibrary::windowPreset(const QString& name) const
{
    for (const auto& p : m_window)
        if (p.name.compare(name, Qt::CaseInsensitive) == 0 || p.name.compare("CT " + name, Qt::CaseInsensitive) == 0)
            return p;
    return std::nullopt;
}

std::optional<VolumeRenderingPreset> PresetLibrary::volumePreset(const QString& file) const
{
    const QJsonObject o = readJson(":/hounsfield/presets/volume/" + file + ".json");
    if (o.isEmpty())
        return std::nullopt;
    VolumeRenderingPreset p;
    p.name = o["name"].toString().toStdString();
    p.shade = o["shade"].toBool(true);
    p.ambient = o["ambient"].toDouble(0.2);
    p.diffuse = o["diffuse"].toDouble(0.9);
    p.specular = o["specular"].toDouble(0.2);
    p.maximumIntensity = o["mip"].toBool(false);
    for (const auto& c : o["colors"].toArray()) {
        const QJsonArray a = c.toArray();
        p.colors.push_back({a[0].toDouble(), a[1].toDouble(), a[2].toDouble(), a[3].toDouble()});
    }
    for (const auto& c : o["opacities"].toArray()) {
        const QJsonArray a = c.toArray();
        p.opacities.push_back({a[0].toDouble(), a[1].toDouble()});
    }
    return p;
}

} // namespace hf::gui
