#pragma once
// Another producer's presentation state (GSPS) applied to a slice view: its graphic and text
// annotations drawn read-only on the images it names, in their layers' colours, and - once, when
// applied - its window (or VOI LUT table), Presentation LUT Shape (polarity), rotation and flip.
// The corner text names it. GUI thread.
#include "hf/dicomio/ForeignPresentationState.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace hf {

class SliceScene;

class PresentationDisplay {
public:
    explicit PresentationDisplay(SliceScene& scene);

    // nullptr: none. Applying one sets its window, rotation and flip on the view once; taking it
    // off leaves the view as it is.
    void apply(std::shared_ptr<const ForeignPresentationState> state);
    const ForeignPresentationState* applied() const { return m_state.get(); }
    // The screen's physical size of a device pixel (mm), for a TRUE SIZE displayed area; 0: unknown (fitted).
    void setScreenMillimetresPerPixel(double mm) { m_screenMm = mm; }
    void refresh();

    struct Drawn {
        std::string layer, text;
        std::vector<Vec3> points;  // patient space
    };
    const std::vector<Drawn>& drawn() const { return m_drawn; }

private:
    void showArea(const ForeignPresentationState::DisplayedArea& area);

    // The displayed area's rectangle on screen (left, top, right, bottom view pixels).
    std::array<double, 4> displayedAreaOnScreen() const;

    SliceScene& m_scene;
    double m_screenMm = 0;
    std::shared_ptr<const ForeignPresentationState> m_state;
    std::vector<Drawn> m_drawn;
};

} // namespace hf
