#pragma once
// A volume-rendering transfer function as plain data (the presets live as files in resources/;
// app/ reads them and hands them here). Value type, any thread.
#include <string>
#include <vector>

namespace hf {

struct ColorPoint {
    double value;  // modality units
    double r, g, b;
};

struct OpacityPoint {
    double value;
    double opacity;
};

struct VolumeRenderingPreset {
    std::string name;
    std::vector<ColorPoint> colors;
    std::vector<OpacityPoint> opacities;
    bool shade = true;
    double ambient = 0.2, diffuse = 0.9, specular = 0.2;
    bool maximumIntensity = false;  // MIP instead of compositing

    // A bone preset that needs no file, for callers without resources (tests, first start).
    static VolumeRenderingPreset ctBone();
};

} // namespace hf
