#pragma once
// A 2D reading scene: one native slice of a Volume with window/level, presented as
// SliceViewState says (rotation, flips, zoom, pan, inversion), with the overlay (corner text,
// orientation letters, scale bar) and reference lines of other views' planes. Owns a
// vtkRenderer; lives on the GUI thread.
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Vec3.h"
#include "hf/rendering/OverlayShape.h"
#include "hf/rendering/SliceOverlay.h"
#include "hf/rendering/SliceViewState.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class vtkRenderer;

namespace hf {

struct VoiLut;

class Volume;

// What lies under a point of the view.
struct SliceProbe {
    int i = 0, j = 0, k = 0;  // voxel (column, row, slice)
    double value = 0;         // modality units (first channel for RGB)
    Vec3 patient;             // LPS mm of the point
};

class SliceScene {
public:
    SliceScene();
    ~SliceScene();
    SliceScene(const SliceScene&) = delete;
    SliceScene& operator=(const SliceScene&) = delete;

    vtkRenderer* renderer() const;
    SliceOverlay& overlay() const;

    void setVolume(std::shared_ptr<const Volume> volume);
    // Another volume of the same grid (a time point of a 4D series): slice, window, zoom, pan,
    // rotation and shapes stay. False (nothing changed) when the grids differ.
    bool replaceVolume(std::shared_ptr<const Volume> volume);
    const Volume* volume() const;
    bool hasVolume() const;
    int sliceCount() const;
    int slice() const;
    void setSlice(int k);  // clamped to the stack
    SlicePlane plane() const;  // the shown slice in patient space

    void setWindow(double center, double width);  // also leaves the VOI LUT
    // The file's VOI LUT instead of a window (chosen by default when the file has no window).
    bool hasVoiLut() const;
    void useVoiLut();
    // Another VOI LUT table instead (a presentation state's); an empty one changes nothing.
    void useVoiLut(const VoiLut& lut);
    bool usingVoiLut() const;
    double windowCenter() const;
    double windowWidth() const;
    bool isColour() const;
    // Colour deeper than 8 bits a channel: shown through the window like greyscale, per channel.
    bool windowsColour() const;

    // Presentation. Each call updates the camera; the caller renders.
    const SliceViewState& viewState() const;
    void rotateClockwise();
    void rotateCounterClockwise();
    void flipHorizontal();
    void flipVertical();
    void setInverted(bool inverted);
    void setZoom(double zoom);       // 1 = fit
    void zoomToActualPixels();       // one image pixel per screen pixel (the finer spacing)
    void panByPixels(double dx, double dy);  // screen pixels, y down
    void fit();                      // zoom 1, centred; rotation and flips kept
    void resetView();                // fit, centred, as stored, not inverted
    // -1: the image against the view's left edge, +1 its right edge, 0 centred (where it is
    // narrower than the view; kept through resizes). Mammograms hang chest wall to the edge.
    void setHorizontalAnchor(int side);
    double millimetresPerPixel() const;
    std::array<int, 2> viewSize() const;  // the view's pixels (width, height)

    // The view was resized (or anything else that changes the fitted scale): refit and relayout.
    void viewResized();
    // The overlay's text changed: lay it out again (the camera stays).
    void relayoutOverlay();
    // The volume's buffer was written to (the rest of the slices arrived): re-read it.
    void volumeDataChanged();

    // Patient-space letters for the left, right, top and bottom edges of the view.
    std::array<std::string, 4> sideLabels() const;
    // What is under view pixel (x, y) (y down from the top, as Qt counts), or nothing outside the image.
    std::optional<SliceProbe> probe(double x, double y) const;
    // Where a patient point is drawn: view pixel (x, y), y down.
    std::array<double, 2> viewPosition(const Vec3& patient) const;
    // The patient point on the shown slice's plane under view pixel (x, y), y down (inside the
    // image or not).
    Vec3 patientPosition(double x, double y) const;

    // Annotations to draw on this slice (the caller picks those that belong to it).
    void setShapes(std::vector<OverlayShape> shapes);
    const std::vector<OverlayShape>& shapes() const;
    // Read-only outlines drawn in their own colours, per source (RT structure contours cut by
    // this slice, other producers' measurements); like the annotations, they belong to the slice
    // they were given for. A source's shapes replace its earlier ones.
    void setContourShapes(const std::string& source, std::vector<OverlayShape> shapes);
    std::vector<OverlayShape> contourShapes() const;
    // Coloured layers over this slice (segmentations, the image's overlays and shutter): RGBA,
    // the slice's columns x rows, row by row, higher `layer` over lower; anything else (empty)
    // removes that layer. They belong to the slice they were given for.
    void setLabelLayer(int layer, std::vector<std::uint8_t> rgba);
    bool hasLabelLayer() const;
    // While one lives, shape and layer changes are placed once, when it ends (a slice change
    // refreshes several sources one after the other).
    class ShapeBatch {
    public:
        explicit ShapeBatch(SliceScene& scene);
        ~ShapeBatch();
        ShapeBatch(const ShapeBatch&) = delete;
        ShapeBatch& operator=(const ShapeBatch&) = delete;

    private:
        SliceScene& m_scene;
    };
    int shapePlacements() const;  // how often shapes were placed (for tests of the batching)
    int labelCompositions() const;  // how often the layers were put together (a layer changed)

    // Lines where other views' planes cut this slice (patient space), drawn in their colours.
    void setReferenceLines(const std::vector<Segment>& lines, const std::vector<std::array<double, 3>>& colours);
    size_t referenceLineCount() const;

private:
    void updateCamera();
    void updateLookupTable();
    void chooseFirstWindow();  // from the files, else the middle slice's values
    void placeShapes();

    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
