#pragma once
// Where the voxels of a stack are in patient space. Value type, any thread.
//   P(i,j,k) = origin + i*columnSpacing*rowDirection + j*rowSpacing*columnDirection + k*sliceStep
// sliceStep is the measured displacement between consecutive slices; with gantry tilt it is not
// parallel to the normal (a sheared grid), which is why it is kept as a vector.
#include "hf/dicomio/Vec3.h"

#include <array>

namespace hf {

struct StackGeometry {
    int columns = 0, rows = 0, slices = 0;
    double columnSpacing = 1;   // mm between adjacent columns (along rowDirection)
    double rowSpacing = 1;      // mm between adjacent rows (along columnDirection)
    double sliceSpacing = 1;    // mm between slice planes, measured along the normal
    Vec3 origin;                // centre of the first voxel
    Vec3 rowDirection{1, 0, 0};
    Vec3 columnDirection{0, 1, 0};
    Vec3 normal{0, 0, 1};
    Vec3 sliceStep{0, 0, 1};

    Vec3 toPatient(double i, double j, double k) const
    {
        return origin + rowDirection * (i * columnSpacing) + columnDirection * (j * rowSpacing) + sliceStep * k;
    }
    // Inverse of toPatient (the 3x3 part is inverted by Cramer's rule, shear included).
    Vec3 toIndex(const Vec3& lps) const;
    // Row-major 4x4 homogeneous IJK -> LPS matrix.
    std::array<double, 16> ijkToLps() const;
    size_t voxelCount() const { return size_t(columns) * size_t(rows) * size_t(slices); }
};

} // namespace hf
