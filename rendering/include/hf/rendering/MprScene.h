#pragma once
// Multiplanar reformatting: axial, coronal and sagittal planes through one crosshair point of
// one volume, resliced in patient space (so a gantry-tilted or oblique acquisition comes out
// without shear), each plane in its own renderer. All three share the loaded buffer (no
// copies). Planes can be turned (oblique, double oblique) and thickened into a MIP, MinIP or
// average slab. GUI thread.
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Vec3.h"
#include "hf/rendering/OverlayShape.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class vtkRenderer;

namespace hf {

class Volume;

enum class MprPlane { Axial = 0, Coronal = 1, Sagittal = 2 };
enum class SlabMode { None, Maximum, Minimum, Mean };

class MprScene {
public:
    MprScene();
    ~MprScene();
    MprScene(const MprScene&) = delete;
    MprScene& operator=(const MprScene&) = delete;

    void setVolume(std::shared_ptr<const Volume> volume);
    // The volume reformatted: the one given, or its regular-grid copy when its slices were
    // unevenly spaced (resampled() is then true, and the views say so).
    const Volume* volume() const;
    bool resampled() const;
    vtkRenderer* renderer(MprPlane plane) const;

    Vec3 crosshair() const;
    void setCrosshair(const Vec3& lps);  // clamped to the volume's bounds
    // Moves the crosshair along a plane's normal: that plane scrolls, the others follow.
    void scroll(MprPlane plane, double millimetres);
    // The plane's screen axes in patient space (right, up) and its normal (into the screen).
    Vec3 right(MprPlane plane) const;
    Vec3 up(MprPlane plane) const;
    Vec3 normal(MprPlane plane) const;
    // Turns the other two planes about this plane's normal (oblique); again in another view for
    // double oblique. Reset brings back the true axial/coronal/sagittal planes.
    void rotate(MprPlane about, double degrees);
    void resetOrientation();
    // Turns all three planes together so that `plane` lies along `right` and `down` (unit, at
    // right angles) through `point`: to show again where something was drawn.
    void showPlane(MprPlane plane, const Vec3& right, const Vec3& down, const Vec3& point);

    void setWindow(double center, double width);
    double windowCenter() const;
    double windowWidth() const;
    void setSlab(SlabMode mode, double thicknessMm);
    SlabMode slabMode() const;
    double slabThickness() const;

    // Zoom (1 = the volume fits) and pan (mm along the plane's right and up) per plane.
    void setZoom(MprPlane plane, double zoom);
    double zoom(MprPlane plane) const;
    void panByPixels(MprPlane plane, double dx, double dy);  // screen pixels, y down
    void resetView(MprPlane plane);
    // The modality value at a patient point (nearest voxel), nothing outside the volume.
    std::optional<double> valueAt(const Vec3& lps) const;

    // How long the plane's last resampling took (ms), for the benchmark; 0 before any.
    double lastResampleMilliseconds(MprPlane plane) const;

    // The view was resized: refit. Views render at whatever size their window has.
    void viewResized(MprPlane plane);
    double millimetresPerPixel(MprPlane plane) const;
    // View pixel (x, y; y down) <-> patient point on the plane.
    Vec3 patientPosition(MprPlane plane, double x, double y) const;
    std::array<double, 2> viewPosition(MprPlane plane, const Vec3& lps) const;
    std::array<std::string, 4> sideLabels(MprPlane plane) const;  // left, right, top, bottom

    // The plane's view pixels in patient space (row 0 at the top), to draw objects on it.
    SlicePlane screenPlane(MprPlane plane) const;
    // Colour layers over the plane (RGBA, screenPlane's columns x rows, row 0 at the top), higher
    // `layer` over lower: a fused overlay (-1), segments (0); hidden once the plane moves until
    // they are set again. Empty: that layer goes.
    void setLabelLayer(MprPlane plane, int layer, std::vector<std::uint8_t> rgba);
    bool hasLabelLayer(MprPlane plane) const;
    // Outlines in patient space drawn on the plane (RT structure cuts) with their labels.
    void setContourShapes(MprPlane plane, std::vector<OverlayShape> shapes);
    // Our own annotations on the plane (and one being drawn), over the outlines.
    void setAnnotationShapes(MprPlane plane, std::vector<OverlayShape> shapes);
    const std::vector<OverlayShape>& annotationShapes(MprPlane plane) const;

private:
    void update();
    void updateReslice();
    void renderStarting(MprPlane plane);  // the plane's renderer is about to draw
    void samplePlane(MprPlane plane);     // the plane's image again, if it changed
    Vec3 viewCentre(MprPlane plane) const;  // crosshair moved by the plane's pan
    void placeContours(MprPlane plane);     // the outlines again, after the plane moved

    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
