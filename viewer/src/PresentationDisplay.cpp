#include "hf/viewer/PresentationDisplay.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

OverlayShape::Type shapeType(const PresentationGraphic& g)
{
    if (g.type == "POINT" || g.type == "TEXT")
        return OverlayShape::Type::Marker;
    if (g.type == "CIRCLE" || g.type == "ELLIPSE")
        return OverlayShape::Type::ClosedPolyline;
    const bool closed = g.points.size() > 2 && g.points.front() == g.points.back();
    return closed ? OverlayShape::Type::ClosedPolyline : OverlayShape::Type::Polyline;
}

// CIRCLE (centre, a point on it) and ELLIPSE (major axis ends, minor axis ends) as polygons.
std::vector<std::array<double, 2>> outline(const PresentationGraphic& g)
{
    constexpr int kSteps = 48;
    const auto& p = g.points;
    std::vector<std::array<double, 2>> ring;
    if (g.type == "CIRCLE" && p.size() >= 2) {
        const double r = std::hypot(p[1][0] - p[0][0], p[1][1] - p[0][1]);
        for (int i = 0; i < kSteps; ++i)
            ring.push_back({p[0][0] + r * std::cos(2 * M_PI * i / kSteps), p[0][1] + r * std::sin(2 * M_PI * i / kSteps)});
        return ring;
    }
    if (g.type == "ELLIPSE" && p.size() >= 4) {
        const double cx = (p[0][0] + p[1][0]) / 2, cy = (p[0][1] + p[1][1]) / 2;
        const double ax = (p[1][0] - p[0][0]) / 2, ay = (p[1][1] - p[0][1]) / 2, bx = (p[3][0] - p[2][0]) / 2, by = (p[3][1] - p[2][1]) / 2;
        for (int i = 0; i < kSteps; ++i) {
            const double t = 2 * M_PI * i / kSteps;
            ring.push_back({cx + ax * std::cos(t) + bx * std::sin(t), cy + ay * std::cos(t) + by * std::sin(t)});
        }
        return ring;
    }
    return p;
}

} // namespace

PresentationDisplay::PresentationDisplay(SliceScene& scene)
    : m_scene(scene)
{
}

void PresentationDisplay::apply(std::shared_ptr<const ForeignPresentationState> state)
{
    m_state = std::move(state);
    if (m_state && m_scene.volume()) {
        if (!m_state->voiLut.empty())
            m_scene.useVoiLut(m_state->voiLut);  // its table wins over its window
        else if (m_state->window)
            m_scene.setWindow((*m_state->window)[0], (*m_state->window)[1]);
        // Presentation LUT Shape says the polarity outright: INVERSE shows high values dark,
        // IDENTITY bright, whatever the image's photometric interpretation.
        if (m_state->presentationLutShape == "INVERSE" || m_state->presentationLutShape == "IDENTITY") {
            const bool monochrome1 = m_scene.volume()->photometric == Photometric::Monochrome1;
            m_scene.setInverted(monochrome1 != (m_state->presentationLutShape == "INVERSE"));
        }
        for (int quarter = 0; quarter < m_state->rotation / 90; ++quarter)
            m_scene.rotateClockwise();
        if (m_state->flipHorizontal)
            m_scene.flipHorizontal();
        if (m_state->displayedArea)
            showArea(*m_state->displayedArea);
    }
    refresh();
}

void PresentationDisplay::showArea(const ForeignPresentationState::DisplayedArea& area)
{
    const StackGeometry& g = m_scene.volume()->geometry();
    const double columns = area.bottomRight[0] - area.topLeft[0] + 1, rows = area.bottomRight[1] - area.topLeft[1] + 1;
    if (area.sizeMode == "MAGNIFY") {
        m_scene.zoomToActualPixels();
        m_scene.setZoom(m_scene.viewState().zoom() * area.magnification);
    } else if (area.sizeMode == "TRUE SIZE" && m_screenMm > 0 && m_scene.millimetresPerPixel() > 0) {
        // A millimetre of the patient is a millimetre of the screen.
        m_scene.setZoom(m_scene.viewState().zoom() * m_scene.millimetresPerPixel() / m_screenMm);
    } else {
        // SCALE TO FIT (and TRUE SIZE where the screen's size is unknown).
        m_scene.setZoom(std::min(g.columns / columns, g.rows / rows));
    }
    // The area's centre in the middle of the view.
    const Vec3 centre = g.toPatient((area.topLeft[0] + area.bottomRight[0]) / 2.0 - 1, (area.topLeft[1] + area.bottomRight[1]) / 2.0 - 1, m_scene.slice());
    const auto at = m_scene.viewPosition(centre);
    const auto size = m_scene.viewSize();
    m_scene.panByPixels(size[0] / 2.0 - at[0], size[1] / 2.0 - at[1]);
}

std::array<double, 4> PresentationDisplay::displayedAreaOnScreen() const
{
    const StackGeometry& g = m_scene.volume()->geometry();
    // The area's outer corners in pixel units ((0,0) the top-left pixel's corner); the whole image without one.
    double left = 0, top = 0, right = g.columns, bottom = g.rows;
    if (m_state->displayedArea) {
        left = m_state->displayedArea->topLeft[0] - 1;
        top = m_state->displayedArea->topLeft[1] - 1;
        right = m_state->displayedArea->bottomRight[0];
        bottom = m_state->displayedArea->bottomRight[1];
    }
    std::array<double, 4> box{1e30, 1e30, -1e30, -1e30};
    for (const double column : {left, right})
        for (const double row : {top, bottom}) {
            const auto at = m_scene.viewPosition(g.toPatient(column - 0.5, row - 0.5, m_scene.slice()));
            box = {std::min(box[0], at[0]), std::min(box[1], at[1]), std::max(box[2], at[0]), std::max(box[3], at[1])};
        }
    return box;
}

void PresentationDisplay::refresh()
{
    m_drawn.clear();
    std::vector<OverlayShape> shapes;
    const Volume* volume = m_scene.volume();
    const int k = m_scene.slice();
    if (m_state && volume && size_t(k) < volume->sliceSopInstanceUids.size()) {
        const std::string& sop = volume->sliceSopInstanceUids[size_t(k)];
        const StackGeometry& g = volume->geometry();
        for (const PresentationGraphic& graphic : m_state->graphics) {
            const bool onThisImage = graphic.images.empty() ? m_state->appliesTo(sop)
                                                            : std::find(graphic.images.begin(), graphic.images.end(), sop) != graphic.images.end();
            if (!onThisImage)
                continue;
            OverlayShape shape;
            shape.id = "gsps:" + m_state->sopInstanceUid;
            shape.type = shapeType(graphic);
            const PresentationLayer* layer = m_state->layer(graphic.layer);
            shape.colour = layer ? layer->colour : std::array<std::uint8_t, 3>{255, 255, 0};
            shape.label = graphic.text;
            const auto area = graphic.displayUnits ? displayedAreaOnScreen() : std::array<double, 4>{};
            for (const auto& p : outline(graphic)) {
                if (graphic.displayUnits) {
                    // DISPLAY: fractions of the displayed area as it is shown (after rotation and flip).
                    shape.points.push_back(m_scene.patientPosition(area[0] + p[0] * (area[2] - area[0]), area[1] + p[1] * (area[3] - area[1])));
                    continue;
                }
                // PIXEL: (0,0) is the top-left pixel's corner.
                shape.points.push_back(g.toPatient(p[0] - 0.5, p[1] - 0.5, k));
            }
            m_drawn.push_back({graphic.layer, graphic.text, shape.points});
            shapes.push_back(std::move(shape));
        }
    }
    m_scene.setContourShapes("gsps", std::move(shapes));
}

} // namespace hf
