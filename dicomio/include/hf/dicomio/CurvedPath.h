#pragma once
// A path through patient space, such as a vessel's centreline: a smooth curve (Catmull-Rom)
// through the given points, measured along its arc, with a frame at every point that turns as
// little as it can (parallel transport) so a straightened reformat does not twist. Value type,
// any thread.
#include "hf/dicomio/Vec3.h"

#include <vector>

namespace hf {

class CurvedPath {
public:
    // Throws std::invalid_argument naming the problem: fewer than 2 points, more than 10000, a
    // value that is no finite number, or no length.
    explicit CurvedPath(std::vector<Vec3> points);

    const std::vector<Vec3>& points() const { return m_points; }
    double length() const { return m_arc.back(); }  // mm along the curve

    // Where the curve is `arcLength` mm from its start (clamped to its ends), its unit tangent,
    // and two unit axes across it (normal, binormal) turned by `degrees` about the tangent.
    struct Station {
        Vec3 position, tangent, normal, binormal;
        double arcLength = 0;
    };
    Station at(double arcLength, double degrees = 0) const;

private:
    std::vector<Vec3> m_points;
    // The curve finely sampled: positions, their arc lengths and transported normals.
    std::vector<Vec3> m_dense, m_denseNormal;
    std::vector<double> m_arc;
};

} // namespace hf
