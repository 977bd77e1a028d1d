#include "hf/dicomio/SliceResampling.h"

#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hf {

std::shared_ptr<Volume> resampleUnevenSlices(const Volume& volume)
{
    const StackGeometry& g = volume.geometry();
    if (g.slices < 3 || volume.slicePositions.size() != size_t(g.slices) || isColour(volume.type()))
        return nullptr;
    const Vec3 n = g.rowDirection.cross(g.columnDirection).normalized();
    std::vector<double> d(size_t(g.slices));
    for (size_t k = 0; k < d.size(); ++k)
        d[k] = (volume.slicePositions[k] - volume.slicePositions[0]).dot(n);
    double smallest = 1e30, mean = (d.back() - d.front()) / double(g.slices - 1);
    bool uneven = false;
    for (size_t k = 1; k < d.size(); ++k) {
        const double gap = d[k] - d[k - 1];
        if (gap <= 0)
            return nullptr;  // not sorted along the normal: nothing sensible to do here
        smallest = std::min(smallest, gap);
        uneven |= std::abs(gap - mean) > 0.01 * std::abs(mean) + 1e-3;
    }
    if (!uneven)
        return nullptr;
    StackGeometry out = g;
    out.slices = int(std::floor(d.back() / smallest + 1e-6)) + 1;
    // Same direction of travel (tilt shear kept), scaled so one step covers `smallest` along n.
    out.sliceStep = g.sliceStep * (smallest / g.sliceStep.dot(n));
    out.sliceSpacing = smallest;
    out.origin = volume.slicePositions[0] + g.rowDirection * 0.0;
    auto result = std::make_shared<Volume>(out, VoxelType::Float32);
    result->photometric = volume.photometric;
    result->windows = volume.windows;
    result->modality = volume.modality;
    result->frameOfReferenceUid = volume.frameOfReferenceUid;
    result->sliceThickness = volume.sliceThickness;
    result->hasPatientGeometry = volume.hasPatientGeometry;
    result->hasPixelSpacing = volume.hasPixelSpacing;
    result->petValues = volume.petValues;
    result->suv = volume.suv;
    result->suvKinds = volume.suvKinds;
    const size_t plane = size_t(g.columns) * size_t(g.rows);
    auto* target = reinterpret_cast<float*>(result->data());
    size_t k = 0;
    for (int m = 0; m < out.slices; ++m) {
        const double t = m * smallest;
        while (k + 2 < d.size() && d[k + 1] < t)
            ++k;
        const double w = std::clamp((t - d[k]) / (d[k + 1] - d[k]), 0.0, 1.0);
        for (int j = 0; j < g.rows; ++j)
            for (int i = 0; i < g.columns; ++i)
                target[size_t(m) * plane + size_t(j) * size_t(g.columns) + size_t(i)] =
                    float((1 - w) * volume.valueAt(i, j, int(k)) + w * volume.valueAt(i, j, int(k + 1)));
    }
    return result;
}

} // namespace hf
