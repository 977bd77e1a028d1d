#pragma once
// SliceScene's state, shared by its two source files (SliceScene.cpp: volume, window, view
// and camera; SliceSceneMarks.cpp: annotation shapes and reference lines). Private to rendering/.
#include "hf/rendering/SliceScene.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/ImageDataWrap.h"
#include "hf/rendering/ShapeLayer.h"

#include <vtkActor.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageSlice.h>
#include <vtkImageSliceMapper.h>
#include <vtkLookupTable.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <memory>
#include <vector>

namespace hf {

struct SliceScene::Impl {
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkImageSliceMapper> mapper;
    vtkNew<vtkImageSlice> slice;
    vtkNew<vtkLookupTable> invertedGray;
    vtkNew<vtkLookupTable> voiLut;
    vtkNew<vtkPolyData> referenceLines;
    vtkNew<vtkActor> referenceActor;
    std::unique_ptr<SliceOverlay> overlay;
    std::unique_ptr<ShapeLayer> shapeLayer;
    std::vector<OverlayShape> shapes;
    std::unique_ptr<ShapeLayer> contourLayer;  // read-only outlines of other systems' objects (RT structures)
    std::map<std::string, std::vector<OverlayShape>> contourShapes;  // by source (RT structures, reports)
    // Segmentations over the slice: an RGBA image on the slice's pixel grid, just in front of it.
    vtkNew<vtkImageData> labelImage;
    vtkNew<vtkImageActor> labelActor;
    std::map<int, std::vector<std::uint8_t>> labelLayers;  // by order: lower ones first
    bool hasLabels = false;
    int batches = 0;             // open ShapeBatches: placing waits for the last to end
    bool placingWanted = false;
    int placements = 0;
    int labelCompositions = 0;
    double towardsSceneZ = 1;
    bool usingVoiLut = false;
    VoiLut activeLut;  // the table in use: the file's or a presentation state's
    std::shared_ptr<const Volume> volume;
    vtkSmartPointer<vtkImageData> image;
    int k = 0;
    SliceViewState state;
    std::vector<Segment> referenceSegments;
    vtkNew<vtkCallbackCommand> beforeRender;
    int laidOutWidth = 0, laidOutHeight = 0;

    int width() const { const int* s = renderer->GetSize(); return std::max(1, s ? s[0] : 1); }
    int height() const { const int* s = renderer->GetSize(); return std::max(1, s ? s[1] : 1); }
    const StackGeometry& geometry() const { return volume->geometry(); }
    double sliceZ() const { return k * (geometry().sliceSpacing > 0 ? geometry().sliceSpacing : 1.0); }
    // The slice's extent on screen (mm) before zoom: horizontally and vertically.
    std::array<double, 2> screenExtent() const
    {
        const StackGeometry& g = geometry();
        const double along[2] = {g.columns * g.columnSpacing, g.rows * g.rowSpacing};
        return {state.screenRight().x != 0 ? along[0] : along[1], state.screenUp().x != 0 ? along[0] : along[1]};
    }
    double fitScale() const
    {
        const auto e = screenExtent();
        const double aspect = double(width()) / double(height());
        return std::max(e[1] / 2, e[0] / 2 / aspect);
    }
    std::array<double, 2> focal() const
    {
        const StackGeometry& g = geometry();
        const auto pan = state.pan();
        // Anchored: the image against the view's left or right edge (its slack to that side).
        const double slack = std::max(0.0, width() * mmPerPixel() - screenExtent()[0]) / 2;
        const ImageAxes2 r = state.screenRight();
        return {(g.columns - 1) * g.columnSpacing / 2 + pan[0] - r.x * anchor * slack,
                (g.rows - 1) * g.rowSpacing / 2 + pan[1] - r.y * anchor * slack};
    }
    int anchor = 0;  // -1: against the left edge, +1: the right, 0: centred
    // The volume's voxels as the image the mapper slices (zero copy).
    void wrap()
    {
        image = wrapVolume(*volume);
        mapper->SetInputData(image);
    }
    double mmPerPixel() const { return 2 * fitScale() / state.zoom() / height(); }
};

} // namespace hf
