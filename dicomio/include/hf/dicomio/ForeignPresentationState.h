#pragma once
// A grayscale softcopy presentation state (GSPS) from any producer, as a view applies it: its
// graphic and text annotations by layer (order and colour), the window it sets, the rotation and
// flip, and which images it applies to. Pixel coordinates as the standard gives them ((0,0) the
// top-left pixel's corner); DISPLAY units are fractions of the displayed area as shown. Any thread.
#include "hf/dicomio/FrameHeader.h"
#include "hf/dicomio/ImageMarks.h"
#include "hf/dicomio/Vec3.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hf {

struct PresentationGraphic {
    std::string layer;
    std::vector<std::string> images;   // the images it is drawn on; empty: every image of the state
    bool displayUnits = false;         // DISPLAY: fractions of the displayed area as shown (after rotation, flip); else PIXEL
    std::string type;                  // POINT, POLYLINE, INTERPOLATED, CIRCLE, ELLIPSE
    std::vector<std::array<double, 2>> points;  // (column, row)
    std::string text;                  // a text object's text (type "TEXT"), at points[0]
};

struct PresentationLayer {
    std::string name;
    int order = 0;
    std::array<std::uint8_t, 3> colour{255, 255, 0};
};

struct ForeignPresentationState {
    std::string path, sopInstanceUid, seriesUid, label, description, creator, manufacturer;
    std::vector<std::string> images;  // Referenced Series Sequence: the images it applies to
    std::vector<PresentationLayer> layers;
    std::vector<PresentationGraphic> graphics;
    std::optional<std::array<double, 2>> window;  // centre, width (Softcopy VOI LUT)
    VoiLut voiLut;                                // or its table (VOI LUT Sequence), used instead of the window
    std::string presentationLutShape;             // IDENTITY, INVERSE (high values dark), or "" (not given)
    DisplayShutter shutter;                       // its own (geometric or bitmap), over the image's
    // Overlay Activation: the overlay planes shown while it is applied, each on a graphic layer
    // (drawn in the layer's colour): the image's own groups it names, and planes it carries itself.
    struct OverlayActivation {
        int group = 0x6000;
        std::string layer;
    };
    std::vector<OverlayActivation> activatedImageOverlays;
    std::vector<std::pair<std::string, ImageOverlay>> ownOverlays;  // layer, plane
    // Displayed Area Selection (first item): the image area to show, 1-based (column, row)
    // corners, and how: "SCALE TO FIT", "MAGNIFY" (with its ratio) or "TRUE SIZE".
    struct DisplayedArea {
        std::array<int, 2> topLeft{1, 1}, bottomRight{1, 1};
        std::string sizeMode;
        double magnification = 1;
    };
    std::optional<DisplayedArea> displayedArea;
    int rotation = 0;                             // 0, 90, 180, 270 (clockwise)
    bool flipHorizontal = false;

    const PresentationLayer* layer(const std::string& name) const;
    // Whether the state is for this image (its Referenced Series Sequence names it).
    bool appliesTo(const std::string& sopInstanceUid) const;
};

// Throws std::runtime_error "PATH: reason".
ForeignPresentationState readForeignPresentationState(const std::string& path);

} // namespace hf
