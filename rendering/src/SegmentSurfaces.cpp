#include "hf/rendering/SegmentSurfaces.h"

#include <vtkCellArray.h>
#include <vtkDataArray.h>
#include <vtkFlyingEdges3D.h>
#include <vtkIdList.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace hf {
namespace {

// Where each frame goes in the stack: its depth step along the normal and its whole-pixel
// shift within the plane (frames of one SEG may start at different pixels).
struct Placement {
    int k = 0, du = 0, dv = 0;
};

} // namespace

std::vector<SurfaceMesh> segmentSurfaces(const Segmentation& seg, const std::set<int>& hiddenSegments, std::string* warning)
{
    std::vector<SurfaceMesh> out;
    if (seg.frames.empty() || seg.rows <= 0 || seg.columns <= 0)
        return out;
    const Vec3 n = seg.normal();
    const double depth = segmentFrameDepth(seg);
    const SegmentFrame& reference = *std::min_element(seg.frames.begin(), seg.frames.end(),
                                                      [&](const auto& a, const auto& b) { return a.position.dot(n) < b.position.dot(n); });
    const Vec3 origin = reference.position;
    std::map<int, std::vector<std::pair<const SegmentFrame*, Placement>>> bySegment;
    int steps = 0;
    for (const SegmentFrame& f : seg.frames) {
        if (hiddenSegments.count(f.segment) || !seg.segment(f.segment))
            continue;
        const Vec3 d = f.position - origin;
        const double steps0 = d.dot(n) / depth;
        const double du = d.dot(seg.rowDirection) / seg.columnSpacing, dv = d.dot(seg.columnDirection) / seg.rowSpacing;
        if (!std::isfinite(steps0) || !std::isfinite(du) || !std::isfinite(dv) || std::abs(du) > 1e6 || std::abs(dv) > 1e6)
            continue;  // a position that is no number (or absurdly far within the plane): nowhere to put the frame
        if (steps0 < -0.5 || steps0 >= kMaxSurfaceDepthSteps - 0.5) {
            if (warning)
                *warning = seg.path + ": frames span more than " + std::to_string(kMaxSurfaceDepthSteps) + " steps of " + std::to_string(depth)
                           + " mm: not shown in 3D";
            return {};
        }
        const Placement p{int(std::lround(steps0)), int(std::lround(du)), int(std::lround(dv))};
        steps = std::max(steps, p.k + 1);
        bySegment[f.segment].push_back({&f, p});
    }
    // One voxel of empty margin all round, so that every surface closes.
    const int nx = seg.columns + 2, ny = seg.rows + 2, nz = steps + 2;
    const float level = float(seg.maximumFractionalValue) / 2;
    for (const auto& [number, frames] : bySegment) {
        vtkNew<vtkImageData> mask;
        mask->SetDimensions(nx, ny, nz);
        mask->SetSpacing(seg.columnSpacing, seg.rowSpacing, depth);
        mask->SetOrigin(-seg.columnSpacing, -seg.rowSpacing, -depth);
        mask->AllocateScalars(VTK_UNSIGNED_CHAR, 1);
        auto* voxels = static_cast<std::uint8_t*>(mask->GetScalarPointer());
        std::fill_n(voxels, size_t(nx) * size_t(ny) * size_t(nz), std::uint8_t(0));
        for (const auto& [frame, p] : frames)
            for (int v = 0; v < seg.rows; ++v) {
                const int y = v + p.dv + 1;
                if (y < 1 || y > seg.rows)
                    continue;
                for (int u = 0; u < seg.columns; ++u) {
                    const int x = u + p.du + 1;
                    const std::uint8_t value = frame->mask[size_t(v) * size_t(seg.columns) + size_t(u)];
                    if (value && x >= 1 && x <= seg.columns) {
                        std::uint8_t& voxel = voxels[(size_t(p.k + 1) * size_t(ny) + size_t(y)) * size_t(nx) + size_t(x)];
                        voxel = std::max(voxel, value);
                    }
                }
            }
        vtkNew<vtkFlyingEdges3D> edges;
        edges->SetInputData(mask);
        edges->SetValue(0, level);
        edges->ComputeNormalsOn();
        edges->ComputeScalarsOff();
        edges->Update();
        vtkPolyData* surface = edges->GetOutput();
        if (surface->GetNumberOfPoints() == 0)
            continue;
        const SegmentInfo& info = *seg.segment(number);
        SurfaceMesh mesh;
        mesh.label = info.label;
        mesh.colour = info.colour;
        mesh.bounds = {1e30, -1e30, 1e30, -1e30, 1e30, -1e30};
        // The SEG's grid (mm along its row, column and normal directions) -> patient space.
        vtkDataArray* normals = surface->GetPointData()->GetNormals();
        for (vtkIdType i = 0; i < surface->GetNumberOfPoints(); ++i) {
            double q[3];
            surface->GetPoint(i, q);
            const Vec3 lps = origin + seg.rowDirection * q[0] + seg.columnDirection * q[1] + n * q[2];
            mesh.points.insert(mesh.points.end(), {float(lps.x), float(lps.y), float(lps.z)});
            const double c[3] = {lps.x, lps.y, lps.z};
            for (int a = 0; a < 3; ++a) {
                mesh.bounds[size_t(2 * a)] = std::min(mesh.bounds[size_t(2 * a)], c[a]);
                mesh.bounds[size_t(2 * a + 1)] = std::max(mesh.bounds[size_t(2 * a + 1)], c[a]);
            }
            // Flying edges' normals (already outwards, against the gradient) turned into patient space.
            double g[3] = {0, 0, 0};
            if (normals)
                normals->GetTuple(i, g);
            const Vec3 normal = seg.rowDirection * g[0] + seg.columnDirection * g[1] + n * g[2];
            mesh.normals.insert(mesh.normals.end(), {float(normal.x), float(normal.y), float(normal.z)});
        }
        vtkCellArray* polys = surface->GetPolys();
        vtkNew<vtkIdList> ids;
        for (polys->InitTraversal(); polys->GetNextCell(ids);)
            if (ids->GetNumberOfIds() == 3)
                for (vtkIdType k = 0; k < 3; ++k)
                    mesh.triangles.push_back(std::uint32_t(ids->GetId(k)));
        out.push_back(std::move(mesh));
    }
    return out;
}

} // namespace hf
