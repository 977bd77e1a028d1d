#include "hf/dicomio/VolumeStatistics.h"

#include "hf/dicomio/Volume.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>

namespace hf {
namespace {

template <class T>
VolumeStatistics over(const std::byte* data, size_t count)
{
    VolumeStatistics s;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
    const T* values = reinterpret_cast<const T*>(data);
    for (size_t n = 0; n < count; ++n) {
        const double v = double(values[n]);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        sum += v;
    }
    s.count = count;
    if (count) {
        s.min = lo;
        s.max = hi;
        s.mean = sum / double(count);
    }
    return s;
}

} // namespace

VolumeStatistics computeStatistics(const Volume& volume)
{
    const size_t n = volume.voxelCount();
    switch (volume.type()) {
    case VoxelType::Int16: return over<std::int16_t>(volume.data(), n);
    case VoxelType::UInt16: return over<std::uint16_t>(volume.data(), n);
    case VoxelType::Float32: return over<float>(volume.data(), n);
    case VoxelType::Rgb8: return over<std::uint8_t>(volume.data(), n * 3);
    case VoxelType::Rgb16: return over<std::uint16_t>(volume.data(), n * 3);
    case VoxelType::Rgb32: return over<std::uint32_t>(volume.data(), n * 3);
    }
    return {};
}

} // namespace hf
