#pragma once
// A curved reformat (straightened or stretched, CurvedReformat.h) on screen: the image through a
// window, fitted to the view (zoom 1), row 0 at the top, with a line marking the station whose
// cross-section is shown and the path's own column drawn over it. GUI thread.
#include <array>
#include <memory>
#include <vector>

class vtkRenderer;

namespace hf {

struct ReformatImage;

class ReformatScene {
public:
    ReformatScene();
    ~ReformatScene();
    ReformatScene(const ReformatScene&) = delete;
    ReformatScene& operator=(const ReformatScene&) = delete;

    vtkRenderer* renderer() const;
    void setImage(const ReformatImage& image);
    bool hasImage() const;
    int imageRows() const;
    int imageColumns() const;
    void setWindow(double center, double width);
    // The marked row (the station), -1: none.
    void setMarkedRow(double row);
    // The view was resized: fit again.
    void viewResized();
    double millimetresPerPixel() const;  // of the view
    // View pixel (x, y; y down) <-> image (column, row), continuous.
    std::array<double, 2> imagePosition(double x, double y) const;
    std::array<double, 2> viewPosition(double column, double row) const;

private:
    void place();
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
