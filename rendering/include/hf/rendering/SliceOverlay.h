#pragma once
// The text and marks drawn over a 2D slice: four blocks of corner text, patient orientation
// letters in the middle of each side, and a scale bar in millimetres. layout() fits them to the
// view: corner lines are given most important first and the least important are dropped, or
// cut short, so that nothing overlaps however small the view. GUI thread.
#include <array>
#include <memory>
#include <string>
#include <vector>

class vtkRenderer;
class vtkTextActor;

namespace hf {

class SliceOverlay {
public:
    enum Corner { TopLeft, TopRight, BottomLeft, BottomRight };
    enum Side { Left, Right, Top, Bottom };

    explicit SliceOverlay(vtkRenderer* renderer);
    ~SliceOverlay();
    SliceOverlay(const SliceOverlay&) = delete;
    SliceOverlay& operator=(const SliceOverlay&) = delete;

    void setCornerLines(Corner corner, std::vector<std::string> lines);
    void setCornerTextVisible(bool visible);
    bool cornerTextVisible() const;
    void setSideLabels(const std::array<std::string, 4>& labels);  // indexed by Side
    void setVisible(bool visible);  // everything (e.g. no image yet)

    // Places everything for a view of width x height pixels showing mmPerPixel (0: no scale).
    void layout(int width, int height, double mmPerPixel);

    // What layout() chose (tests and the screenshot description read these).
    std::string shownCornerText(Corner corner) const;
    std::string sideLabel(Side side) const;
    double scaleBarMillimetres() const;  // 0 when hidden
    double scaleBarPixels() const;
    // Every visible text actor, for overlap checks.
    std::vector<vtkTextActor*> textActors() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
