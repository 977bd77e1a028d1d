#include "StudyFacts.h"

#include <algorithm>
#include <cmath>

namespace hf::protocols {

int StudyFacts::imageCount() const
{
    int n = 0;
    for (const auto& s : stacks)
        n += s.images;
    return n;
}

std::string planeName(double nx, double ny, double nz)
{
    const double ax = std::abs(nx), ay = std::abs(ny), az = std::abs(nz);
    const double largest = std::max({ax, ay, az});
    if (largest < 0.8)  // more than about 37 degrees off every main plane
        return "oblique";
    return largest == az ? "axial" : largest == ay ? "coronal" : "sagittal";
}

std::string chestWallSide(const std::string& patientOrientation)
{
    const std::string rowDirection = patientOrientation.substr(0, patientOrientation.find('\\'));
    if (rowDirection.find('P') != std::string::npos)
        return "right";
    if (rowDirection.find('A') != std::string::npos)
        return "left";
    return {};
}

} // namespace hf::protocols
