#pragma once
// Window/level and volume-rendering presets and the fusion colour tables, read from the
// resource files (resources/presets, resources/colormaps).
#include "hf/rendering/ColourTable.h"
#include "hf/rendering/VolumeRenderingPreset.h"

#include <QString>
#include <QVector>

#include <optional>
#include <vector>

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
    // Hot iron first (what PET is fused in), then the others by name.
    const std::vector<ColourTable>& colourTables() const { return m_colourTables; }
    // Matches the name ("Hot iron") or the file's ("hot-iron"), in any case; nothing for another.
    const ColourTable* colourTable(const QString& name) const;

private:
    QVector<WindowLevelPreset> m_window;
    std::vector<ColourTable> m_colourTables;
};

} // namespace hf::gui
