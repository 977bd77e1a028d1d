#include "hf/dicomio/Volume.h"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <stdexcept>

namespace hf {

size_t bytesPerVoxel(VoxelType type)
{
    switch (type) {
    case VoxelType::Int16:
    case VoxelType::UInt16: return 2;
    case VoxelType::Float32: return 4;
    case VoxelType::Rgb8: return 3;
    case VoxelType::Rgb16: return 6;
    case VoxelType::Rgb32: return 12;
    }
    return 1;
}

const char* voxelTypeName(VoxelType type)
{
    switch (type) {
    case VoxelType::Int16: return "int16";
    case VoxelType::UInt16: return "uint16";
    case VoxelType::Float32: return "float32";
    case VoxelType::Rgb8: return "rgb8";
    case VoxelType::Rgb16: return "rgb16";
    case VoxelType::Rgb32: return "rgb32";
    }
    return "?";
}

namespace {

// Shared anonymous memory: decoder child processes write slices straight into it, and pages
// are only committed as slices arrive.
std::shared_ptr<std::byte[]> mapVoxels(size_t bytes, Volume::Memory memory)
{
    bytes = std::max<size_t>(bytes, 1);
    const int sharing = memory == Volume::Memory::Shared ? MAP_SHARED : MAP_PRIVATE;
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, sharing | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    if (memory == Volume::Memory::Private)
        madvise(p, bytes, MADV_HUGEPAGE);  // a hint; ignored where huge pages are off
    return std::shared_ptr<std::byte[]>(static_cast<std::byte*>(p), [bytes](std::byte* q) { munmap(q, bytes); });
}

} // namespace

Volume::Volume(StackGeometry geometry, VoxelType type, Memory memory)
    : m_geometry(geometry)
    , m_type(type)
    , m_buffer(mapVoxels(geometry.voxelCount() * bytesPerVoxel(type), memory))
{
}

double Volume::valueAt(int i, int j, int k) const { return componentAt(i, j, k, 0); }

double Volume::componentAt(int i, int j, int k, int c) const
{
    const size_t index = (size_t(k) * m_geometry.rows + size_t(j)) * m_geometry.columns + size_t(i);
    const std::byte* p = m_buffer.get() + index * bytesPerVoxel(m_type) + (isColour(m_type) ? size_t(c) * bytesPerVoxel(m_type) / 3 : 0);
    switch (m_type) {
    case VoxelType::Int16: { std::int16_t v; std::memcpy(&v, p, 2); return v; }
    case VoxelType::UInt16: { std::uint16_t v; std::memcpy(&v, p, 2); return v; }
    case VoxelType::Float32: { float v; std::memcpy(&v, p, 4); return v; }
    case VoxelType::Rgb8: return double(std::uint8_t(p[0]));
    case VoxelType::Rgb16: { std::uint16_t v; std::memcpy(&v, p, 2); return v; }
    case VoxelType::Rgb32: { std::uint32_t v; std::memcpy(&v, p, 4); return v; }
    }
    return 0;
}

} // namespace hf

namespace hf {

std::shared_ptr<const Volume> Volume::withSuvKind(SuvKind kind) const
{
    auto copy = std::make_shared<Volume>(*this);  // shares m_buffer
    copy->suv = suvKinds[size_t(kind)];
    return copy;
}

bool fillsIn(const Volume& earlier, const Volume& later)
{
    const StackGeometry &a = earlier.geometry(), &b = later.geometry();
    // The stand-ins' grid comes from the archive's list, the last load's from the files: equal
    // within rounding.
    const auto same = [](const Vec3& p, const Vec3& q) { return (p - q).norm() < 1e-3; };
    const auto close = [](double p, double q) { return std::abs(p - q) < 1e-4; };
    // The images that were here are the same images (not a sibling series on the same grid).
    for (size_t k = 0; k < earlier.slicesToCome.size() && k < earlier.sliceSopInstanceUids.size(); ++k)
        if (!earlier.slicesToCome[k]) {
            if (k >= later.sliceSopInstanceUids.size() || later.sliceSopInstanceUids[k] != earlier.sliceSopInstanceUids[k])
                return false;
            break;
        }
    return std::find(earlier.slicesToCome.begin(), earlier.slicesToCome.end(), true) != earlier.slicesToCome.end() &&
           earlier.type() == later.type() && earlier.frameOfReferenceUid == later.frameOfReferenceUid && a.columns == b.columns &&
           a.rows == b.rows && a.slices == b.slices && close(a.columnSpacing, b.columnSpacing) && close(a.rowSpacing, b.rowSpacing) &&
           same(a.origin, b.origin) && same(a.rowDirection, b.rowDirection) && same(a.columnDirection, b.columnDirection) &&
           same(a.sliceStep, b.sliceStep);
}

} // namespace hf
