#pragma once
// A 3D scene: GPU ray-cast rendering of a Volume placed in patient space, seen from the
// patient's front (anterior) with the head up. The volume is uploaded to the GPU once per
// setVolume. The transfer functions can be shifted (like window/level), and the volume clipped
// to a box or cropped by planes in patient space. Owns a vtkRenderer; lives on the GUI thread.
#include "hf/dicomio/Vec3.h"
#include "hf/rendering/VolumeRenderingPreset.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class vtkPlanes;
class vtkRenderer;

namespace hf {

class Volume;
struct SurfaceMesh;

class VolumeScene {
public:
    VolumeScene();
    ~VolumeScene();
    VolumeScene(const VolumeScene&) = delete;
    VolumeScene& operator=(const VolumeScene&) = delete;

    vtkRenderer* renderer() const;
    void setVolume(std::shared_ptr<const Volume> volume);
    bool hasVolume() const;
    void setPreset(const VolumeRenderingPreset& preset);
    // Moves every transfer-function point by `offset` modality units (positive: only denser
    // tissue stays visible).
    void setTransferShift(double offset);
    double transferShift() const;
    void resetCamera();
    // Keeps only what lies inside the box (patient LPS mm); and/or removes what lies on the
    // side of a plane that `normal` points to. clearClipping() shows everything again.
    void setClippingBox(const Vec3& low, const Vec3& high);
    void addCropPlane(const Vec3& point, const Vec3& normal);
    void clearClipping();
    // Clipping by any set of planes (an interactive box's six faces), patient space.
    void setClippingPlanes(vtkPlanes* planes);
    // The volume's bounds in patient space (xmin, xmax, ymin, ymax, zmin, zmax).
    std::array<double, 6> bounds() const;
    int clippingPlaneCount() const;
    // Whether the clipping removes a patient point (what the mapper keeps: every plane's
    // normal side).
    bool clippedAway(const Vec3& lps) const;

    // The point of the rendered surface under a view pixel (x, y; y down): where the ray from
    // the eye, composed as the ray caster does (opacity by the transfer function, clipped parts
    // skipped), becomes half opaque; nothing when it stays clear. Needs the view's size (a
    // render window).
    std::optional<Vec3> surfacePoint(double x, double y) const;
    // The 3D ruler: a line between two patient points with its length; none hides it.
    void setRuler(std::optional<std::array<Vec3, 2>> ends);
    std::optional<std::array<Vec3, 2>> ruler() const;

    // Surfaces drawn with the volume (segments), opaque, in their colours; replaces the earlier ones.
    void setSurfaces(const std::vector<SurfaceMesh>& surfaces);
    int surfaceCount() const;
    // A line in the top left corner saying what the rendering lacks; empty hides it.
    void setNotice(const std::string& line);
    std::string notice() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
