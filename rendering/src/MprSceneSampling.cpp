// How MprScene makes each plane's image: resampled from the voxels when its renderer is about
// to draw, and only when the plane, its size or the slab changed since.
#include "hf/rendering/MprScene.h"

#include "MprSceneImpl.h"

#include "hf/dicomio/ParallelFor.h"
#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeSampling.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

namespace hf {

void MprScene::renderStarting(MprPlane plane)
{
    updateReslice();
    samplePlane(plane);
}

double MprScene::lastResampleMilliseconds(MprPlane plane) const { return m->view(plane).lastSampleMs; }

void MprScene::samplePlane(MprPlane plane)
{
    auto& v = m->view(plane);
    if (!m->volume || !m->ownSampling)
        return;
    const double* place = v.placement->GetData();
    const bool current = v.sampledVolume == m->volume.get() && std::equal(place, place + 16, v.sampledPlace.begin()) &&
                         v.sampledWidth == v.resliceWidth && v.sampledHeight == v.resliceHeight && v.sampledMm == v.resliceMm &&
                         v.sampledSlab == m->slab && v.sampledThickness == m->slabThickness;
    if (current)
        return;
    const auto started = std::chrono::steady_clock::now();
    const int w = v.resliceWidth, h = v.resliceHeight;
    const double mm = v.resliceMm;
    const Vec3 r = right(plane), u = up(plane), n = normal(plane), c = viewCentre(plane);
    v.sampled->SetDimensions(w, h, 1);
    v.sampled->SetSpacing(mm, mm, 1);
    v.sampled->SetOrigin(-(w - 1) / 2.0 * mm, -(h - 1) / 2.0 * mm, 0);
    v.sampled->AllocateScalars(VTK_FLOAT, 1);
    auto* out = static_cast<float*>(v.sampled->GetScalarPointer());
    // Outside the volume is black, whichever way the greys run.
    const float background = m->inverted ? 1e30f : -1e30f;
    // A slab: planes every half voxel across its thickness, combined as the mode says.
    const StackGeometry& g = m->volume->geometry();
    const double step = std::max(1e-3, std::min({g.columnSpacing, g.rowSpacing, g.sliceSpacing}) / 2);
    const int slabs = m->slabThickness > 0 && m->slab != SlabMode::None ? std::max(1, int(std::lround(m->slabThickness / step))) : 1;
    const double slabSpacing = slabs > 1 ? m->slabThickness / slabs : 0;
    const SlabMode mode = m->slab;
    const Volume& volume = *m->volume;
    parallelFor(size_t(h), 0, [&](size_t row) {
        float* line = out + row * size_t(w);
        const Vec3 start = c + r * (-(w - 1) / 2.0 * mm) + u * ((double(row) - (h - 1) / 2.0) * mm);
        if (slabs == 1) {
            interpolateAlongLine(volume, start, r * mm, w, line);
            for (int x = 0; x < w; ++x)
                line[x] = std::isnan(line[x]) ? background : line[x];
            return;
        }
        std::vector<float> layer(static_cast<size_t>(w));
        std::vector<int> counts(static_cast<size_t>(w), 0);
        for (int s = 0; s < slabs; ++s) {
            interpolateAlongLine(volume, start + n * ((s - (slabs - 1) / 2.0) * slabSpacing), r * mm, w, layer.data());
            for (int x = 0; x < w; ++x) {
                const float value = layer[size_t(x)];
                if (std::isnan(value))
                    continue;
                int& k = counts[size_t(x)];
                line[x] = k == 0 ? value : mode == SlabMode::Maximum ? std::max(line[x], value) : mode == SlabMode::Minimum ? std::min(line[x], value) : line[x] + value;
                ++k;
            }
        }
        for (int x = 0; x < w; ++x) {
            const int k = counts[size_t(x)];
            line[x] = k == 0 ? background : mode == SlabMode::Mean ? line[x] / float(k) : line[x];
        }
    });
    v.sampled->Modified();
    std::copy(place, place + 16, v.sampledPlace.begin());
    v.sampledWidth = w;
    v.sampledHeight = h;
    v.sampledMm = mm;
    v.sampledSlab = m->slab;
    v.sampledThickness = m->slabThickness;
    v.sampledVolume = m->volume.get();
    v.lastSampleMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

} // namespace hf
