#pragma once
// A noisy CT-like disc volume held in memory, for rendering benchmarks (no files involved).
#include "hf/dicomio/Volume.h"

#include <cmath>
#include <cstdint>
#include <memory>
#include <random>

inline std::shared_ptr<hf::Volume> makeSyntheticVolume(int columns, int slices)
{
    hf::StackGeometry g;
    g.columns = g.rows = columns;
    g.slices = slices;
    g.columnSpacing = g.rowSpacing = 0.7;
    g.sliceSpacing = 1.0;
    g.sliceStep = {0, 0, 1.0};
    auto volume = std::make_shared<hf::Volume>(g, hf::VoxelType::Int16);
    volume->modality = "CT";
    volume->windows.push_back({40, 400, "soft tissue"});
    std::mt19937 random(1);
    std::normal_distribution<float> noise(0, 15);
    auto* v = reinterpret_cast<std::int16_t*>(volume->data());
    const double r2 = 0.16 * columns * columns;
    for (int k = 0; k < slices; ++k)
        for (int j = 0; j < columns; ++j)
            for (int i = 0; i < columns; ++i) {
                const double dx = i - columns / 2.0, dy = j - columns / 2.0;
                const double base = dx * dx + dy * dy < r2 ? 40 + 20 * std::sin(k * 0.05 + i * 0.02) : -1000;
                *v++ = std::int16_t(base + noise(random));
            }
    return volume;
}

