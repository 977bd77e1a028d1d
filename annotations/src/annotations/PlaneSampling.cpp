#include "hf/annotations/PlaneSampling.h"

#include "hf/dicomio/Volume.h"
#include "hf/dicomio/VolumeSampling.h"

#include <algorithm>
#include <cmath>

namespace hf {

double planeSampleSpacing(const Volume& volume)
{
    return smallestSpacing(volume);
}

std::optional<double> planeValueAt(const Volume& volume, const AnnotationPlane& plane, const Vec3& lps)
{
    if (!plane.slab())
        return interpolatedValueAt(volume, lps);
    const double step = planeSampleSpacing(volume);
    const int samples = std::clamp(int(std::ceil(plane.slabThickness / step)), 1, 4096);
    const Vec3 normal = plane.normal();
    std::optional<double> combined;
    double sum = 0;
    int count = 0;
    for (int n = 0; n < samples; ++n) {
        const double offset = -plane.slabThickness / 2 + (n + 0.5) * plane.slabThickness / samples;
        const auto v = interpolatedValueAt(volume, lps + normal * offset);
        if (!v)
            continue;
        sum += *v;
        ++count;
        if (!combined)
            combined = *v;
        else if (plane.slabMode == "mip")
            combined = std::max(*combined, *v);
        else if (plane.slabMode == "minip")
            combined = std::min(*combined, *v);
    }
    if (plane.slabMode == "average" && count > 0)
        return sum / count;
    return combined;
}

} // namespace hf
