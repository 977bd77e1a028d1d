#pragma once
// The rotating maximum intensity projection a PET reader scrolls beside the planes: the volume
// projected from `angles` directions around the patient's head-foot axis (frame 0 from the front,
// the patient's left on the right, each next one turned further towards the left side), kept as
// the frames of one Volume, so a slice view scrolls or plays them. For each pixel, how deep its
// hottest sample lies, so a click finds the lesion behind it. No VTK. Any thread.
#include "hf/dicomio/Vec3.h"

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace hf {

class Volume;

class RotatingMip {
public:
    // Projects `volume` (nothing when it has no voxels or was cancelled); `threads` work on it.
    static std::shared_ptr<const RotatingMip> make(const Volume& volume, int angles, const std::atomic<bool>* cancel = nullptr,
                                                   int threads = 2);

    // The frames: columns across the projection, rows from head to foot, one slice per angle.
    // Float32 in the volume's modality units, with its SUV; no patient geometry (a projection).
    const std::shared_ptr<const Volume>& frames() const { return m_frames; }
    int angles() const { return m_angles; }
    double degrees(int frame) const { return 360.0 * frame / m_angles; }
    // Where the hottest sample under pixel (column, row) of a frame lies in patient space;
    // nothing where the ray missed the volume.
    std::optional<Vec3> hottestPoint(int column, int row, int frame) const;
    // The screen's right and the direction of view (into the screen) of a frame, in LPS.
    Vec3 right(int frame) const;
    Vec3 towards(int frame) const;

private:
    RotatingMip() = default;
    std::shared_ptr<const Volume> m_frames;
    std::vector<float> m_depth;  // per pixel of every frame: mm along towards() from the centre plane; NaN: missed
    int m_angles = 0, m_columns = 0, m_rows = 0;
    Vec3 m_centre;
    double m_step = 1, m_rowStep = 1;  // mm between columns (and depth samples), between rows
    double m_top = 0;                  // z (mm) of row 0
};

// The hottest voxel of `volume` within `radiusMm` of a patient point (the lesion's maximum around
// where a reader clicked; of equally hot ones the nearest): its position, or the point itself when
// none lies within.
Vec3 hottestVoxelNear(const Volume& volume, const Vec3& lps, double radiusMm);

} // namespace hf
