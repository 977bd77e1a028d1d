#pragma once
// Window/level and volume-rendering presets read from the resource files (resources/presets).
#include "hf/rendering/VolumeRenderingPreset.h"

#include <QString>
#include <QVector>

#include <optional>

namespace hf::gui {

struct WindowLevelPreset {
    QString name, key;
    double center = 0, width = 0;
};

class PresetLibrary {
public:
    PresetLibrary();  // reads :/hounsfield/presets/...

    const QVector<WindowLevelPreset>& windowPresets() const { return m_window; }
    // Matches "CT bone", "bone" or "BONE".
    std::optional<WindowLevelPreset> windowPreset(const QString& name) const;
    std::optional<VolumeRenderingPreset> volumePreset(const QString& file) const;

private:
    QVector<WindowLevelPreset> m_window;
};

} // namespace hf::gui
