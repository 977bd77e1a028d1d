#pragma once
// MprScene's insides, shared by its files (the planes and their marks). Private to rendering.
#include "hf/rendering/MprScene.h"
#include "hf/rendering/ShapeLayer.h"

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapToWindowLevelColors.h>
#include <vtkImageReslice.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace hf {

// Each plane is resampled at screen resolution straight from the int16 (or float) voxels, row by
// row along lines in index space over the cores (interpolateAlongLine: as fast as a plain
// vtkImageReslice, docs/performance.md), mapped through the window by a lookup, and shown as an
// image actor placed on the plane; a colour (RGB) volume goes through a threaded
// vtkImageReslice instead. (vtkImageResliceMapper did the same through a float
// reslice-to-colours that cost 3.8x a plain reslice.)
struct MprScene::Impl {
    struct View {
        vtkNew<vtkRenderer> renderer;
        vtkNew<vtkImageReslice> reslice;  // RGB volumes only
        vtkNew<vtkImageData> sampled;     // the plane resampled by us (scalar volumes)
        MprScene* owner = nullptr;
        MprPlane plane = MprPlane::Axial;
        // What `sampled` was made for; anything else makes it again before the next draw.
        std::array<double, 16> sampledPlace{};
        int sampledWidth = 0, sampledHeight = 0;
        double sampledMm = 0, sampledThickness = -1;
        SlabMode sampledSlab = SlabMode::None;
        const Volume* sampledVolume = nullptr;
        double lastSampleMs = 0;
        vtkNew<vtkImageMapToWindowLevelColors> colours;
        vtkNew<vtkImageActor> slice;
        vtkNew<vtkMatrix4x4> axes;       // output (plane) -> voxel data coordinates
        vtkNew<vtkMatrix4x4> placement;  // plane -> patient LPS, for the actor
        vtkNew<vtkPolyData> lines;
        vtkNew<vtkActor> crosshair;
        vtkNew<vtkCallbackCommand> beforeRender;
        int resliceWidth = 0, resliceHeight = 0;
        double resliceMm = 0;
        // Other systems' objects on the plane: a colour layer (SEG) and outlines (RTSTRUCT).
        vtkNew<vtkImageData> labelImage;
        vtkNew<vtkImageActor> labelActor;
        std::map<int, std::vector<std::uint8_t>> labelLayers;  // by order: lower ones first
        std::unique_ptr<ShapeLayer> contours;
        std::vector<OverlayShape> contourShapes;     // in patient space, as given
        std::vector<OverlayShape> annotationShapes;  // our own measurements on the plane
    };
    std::array<View, 3> views;
    std::shared_ptr<const Volume> volume;
    vtkSmartPointer<vtkImageData> image;
    vtkSmartPointer<vtkMatrix4x4> dataFromPatient;
    double windowCenter = 0, windowWidth = 1;
    bool inverted = false;
    bool ownSampling = true;  // false: RGB, through vtkImageReslice
    Vec3 crosshair;
    // Screen axes per plane (right, up), turned by oblique rotations.
    std::array<Vec3, 3> right{Vec3{1, 0, 0}, Vec3{1, 0, 0}, Vec3{0, 1, 0}};
    std::array<Vec3, 3> up{Vec3{0, -1, 0}, Vec3{0, 0, 1}, Vec3{0, 0, 1}};
    Vec3 low, high;  // patient-space bounding box of the volume
    std::array<double, 3> zoom{1, 1, 1};
    std::array<std::array<double, 2>, 3> pan{};  // mm along right, up
    std::shared_ptr<const Volume> resampled;  // set when the acquired spacing was uneven
    std::shared_ptr<const Volume> given;      // as given to setVolume (volume may be `resampled`)
    SlabMode slab = SlabMode::None;
    double slabThickness = 0;

    View& view(MprPlane p) { return views[size_t(p)]; }
    const View& view(MprPlane p) const { return views[size_t(p)]; }
    int width(MprPlane p) const { const int* s = view(p).renderer->GetSize(); return std::max(1, s ? s[0] : 1); }
    int height(MprPlane p) const { const int* s = view(p).renderer->GetSize(); return std::max(1, s ? s[1] : 1); }
    double extent() const { return std::max({high.x - low.x, high.y - low.y, high.z - low.z, 1.0}); }
    double scale(MprPlane p) const
    {
        // Fit the volume's largest extent, whatever the plane's turn.
        const double aspect = double(width(p)) / double(height(p));
        return std::max(extent() / 2, extent() / 2 / aspect) / zoom[size_t(p)];
    }
};

} // namespace hf
