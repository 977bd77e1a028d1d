// SliceViewport, what it draws of other systems' objects over the slice: RT structures,
// segmentations, reports' measurements, an applied presentation state, the image's own overlay
// planes and display shutter, and the key-image and presentation-state lines of the corner text.
#include "hf/viewer/SliceViewport.h"
#include "hf/viewer/StandInLayer.h"

#include "hf/dicomio/ForeignPresentationState.h"
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <QScreen>

#include <algorithm>
#include <cmath>

namespace hf {

StructureDisplay& SliceViewport::structures() const { return *m_structures; }
SegmentationDisplay& SliceViewport::segmentations() const { return *m_segmentations; }
ReportDisplay& SliceViewport::reports() const { return *m_reports; }
FusionDisplay& SliceViewport::fusion() const { return *m_fusion; }
PresentationDisplay& SliceViewport::presentation() const { return *m_presentation; }

void SliceViewport::applyPresentationState(std::shared_ptr<const ForeignPresentationState> state)
{
    // A device pixel's physical size, for TRUE SIZE (Qt's physical DPI counts logical pixels).
    if (const QScreen* shownOn = screen(); shownOn && shownOn->physicalDotsPerInch() > 0)
        m_presentation->setScreenMillimetresPerPixel(25.4 / (shownOn->physicalDotsPerInch() * devicePixelRatioF()));
    m_presentation->apply(std::move(state));
    refreshObjects();  // its shutter
    changed();
    emit windowChanged(m_scene->windowCenter(), m_scene->windowWidth());
}

void SliceViewport::setKeyImageTitles(std::map<std::string, std::string> titles)
{
    m_keyImageTitles = std::move(titles);
    changed();
}

void SliceViewport::setLinkText(std::string text)
{
    m_linkText = std::move(text);
    changed();
}

void SliceViewport::setArrivalText(std::string text)
{
    m_arrivalText = std::move(text);
    changed();
}

void SliceViewport::setPatientCursor(std::optional<Vec3> point)
{
    m_patientCursor = point;
    refreshObjects();
    refresh();
}

std::optional<QRect> SliceViewport::maskBetween(QPointF from, QPointF to) const
{
    if (!m_volume || !m_scene->hasVolume())
        return std::nullopt;
    const StackGeometry& g = m_volume->geometry();
    const qreal ratio = devicePixelRatioF();
    const Vec3 a = g.toIndex(m_scene->patientPosition(from.x() * ratio, from.y() * ratio));
    const Vec3 b = g.toIndex(m_scene->patientPosition(to.x() * ratio, to.y() * ratio));
    // Pixel centres are at whole indices: the pixel holding x spans x - 0.5 .. x + 0.5.
    const auto pixelOf = [](double index) { return int(std::floor(index + 0.5)); };
    int x0 = pixelOf(std::min(a.x, b.x)), x1 = pixelOf(std::max(a.x, b.x));
    int y0 = pixelOf(std::min(a.y, b.y)), y1 = pixelOf(std::max(a.y, b.y));
    if (x1 < 0 || y1 < 0 || x0 >= g.columns || y0 >= g.rows)
        return std::nullopt;
    x0 = std::max(x0, 0), y0 = std::max(y0, 0);
    x1 = std::min(x1, g.columns - 1), y1 = std::min(y1, g.rows - 1);
    return QRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
}

void SliceViewport::setMaskRectangles(std::vector<QRect> rectangles)
{
    if (rectangles == m_maskRectangles)
        return;
    m_maskRectangles = std::move(rectangles);
    refreshMasks();
    refresh();
}

void SliceViewport::refreshMasks()
{
    // Burned-in text masks: pixel rectangles, the same on every slice (their outer pixel edges).
    std::vector<OverlayShape> masks;
    std::vector<QRect> shown = m_maskRectangles;
    if (m_maskPreview)
        shown.push_back(*m_maskPreview);
    if (m_volume && m_scene->hasVolume())
        for (const QRect& r : shown) {
            const StackGeometry& g = m_volume->geometry();
            OverlayShape box;
            box.id = "burned-in-mask";
            box.type = OverlayShape::Type::Rectangle;
            box.points = {g.toPatient(r.x() - 0.5, r.y() - 0.5, slice()), g.toPatient(r.x() + r.width() - 0.5, r.y() + r.height() - 0.5, slice())};
            box.label = "mask";
            box.colour = std::array<std::uint8_t, 3>{255, 140, 0};
            masks.push_back(std::move(box));
        }
    m_scene->setContourShapes("burned-in-masks", std::move(masks));
}

void SliceViewport::refreshObjects()
{
    const SliceScene::ShapeBatch placedOnce(*m_scene);
    // The 3D cursor, on the slice within half a slice of it: a yellow cross 10 mm wide.
    std::vector<OverlayShape> cursor;
    if (m_patientCursor && m_volume && m_scene->hasVolume()) {
        const StackGeometry& g = m_volume->geometry();
        if (nearestSlice(g, *m_patientCursor) == slice()) {
            const Vec3 along = g.rowDirection * 5.0, down = g.columnDirection * 5.0;
            OverlayShape cross;
            cross.id = "3d-cursor";
            cross.type = OverlayShape::Type::Segments;
            cross.points = {*m_patientCursor - along, *m_patientCursor + along, *m_patientCursor - down, *m_patientCursor + down};
            cross.colour = std::array<std::uint8_t, 3>{255, 220, 0};
            cursor.push_back(std::move(cross));
        }
    }
    m_scene->setContourShapes("3d-cursor", std::move(cursor));
    // A slice of an arriving series not received yet: hatched, not black like air.
    int standIns = 0;
    m_scene->setLabelLayer(StandInLayer::kLayer, m_volume && m_scene->hasVolume() && m_volume->sliceToCome(slice())
                                                     ? StandInLayer::over(*m_volume, m_scene->plane(), standIns)
                                                     : std::vector<std::uint8_t>{});
    refreshMasks();
    m_fusion->refresh();
    m_structures->refresh();
    m_segmentations->refresh();
    m_reports->refresh();
    m_presentation->refresh();
    // The image's own overlay planes and display shutter, over the segmentations.
    const size_t k = size_t(slice());
    const bool known = m_volume && m_scene->hasVolume() && k < m_volume->sliceOverlays.size() && k < m_volume->sliceShutters.size();
    m_overlayPlanesShown = 0;
    if (!known) {
        m_scene->setLabelLayer(1, {});
        return;
    }
    const StackGeometry& g = m_volume->geometry();
    const int frame = k < m_volume->sliceFrames.size() ? m_volume->sliceFrames[k] : 1;
    std::vector<ImageOverlay> activated;
    const std::vector<ImageOverlay>& overlays = overlaysOf(k, frame, activated);
    if (m_imageOverlaysShown)
        for (const ImageOverlay& o : overlays)
            m_overlayPlanesShown += frame >= o.firstFrame && frame < o.firstFrame + o.frames;
    m_scene->setLabelLayer(1, imageMarksLayer(overlays, shutterOf(k), g.rows, g.columns, frame, m_imageOverlaysShown));
}

const std::vector<ImageOverlay>& SliceViewport::overlaysOf(size_t k, int frame, std::vector<ImageOverlay>& shown) const
{
    const ForeignPresentationState* ps = m_presentation->applied();
    if (!ps || k >= m_volume->sliceSopInstanceUids.size() || !ps->appliesTo(m_volume->sliceSopInstanceUids[k]))
        return m_volume->sliceOverlays[k];  // no copy: scrolling redraws these on every slice
    // While a presentation state is applied, only the overlays it activates show, each in its
    // graphic layer's colour: the image's groups it names, and its own planes.
    shown.clear();
    auto inLayer = [ps](ImageOverlay o, const std::string& layer) {
        if (const PresentationLayer* l = ps->layer(layer))
            o.colour = l->colour;
        return o;
    };
    for (const ImageOverlay& o : m_volume->sliceOverlays[k])
        for (const auto& activation : ps->activatedImageOverlays)
            if (activation.group == o.group)
                shown.push_back(inLayer(o, activation.layer));
    for (const auto& [layer, plane] : ps->ownOverlays) {
        ImageOverlay o = inLayer(plane, layer);
        o.firstFrame = frame;  // a state's plane is drawn on every frame it applies to
        o.frames = 1;
        shown.push_back(std::move(o));
    }
    return shown;
}

const DisplayShutter& SliceViewport::shutterOf(size_t k) const
{
    // An applied presentation state's own shutter replaces the image's, on the images it names.
    if (const ForeignPresentationState* ps = m_presentation->applied();
        ps && ps->shutter.any() && k < m_volume->sliceSopInstanceUids.size() && ps->appliesTo(m_volume->sliceSopInstanceUids[k]))
        return ps->shutter;
    return m_volume->sliceShutters[k];
}

void SliceViewport::setImageOverlaysShown(bool shown)
{
    m_imageOverlaysShown = shown;
    refreshObjects();
    update();
}

bool SliceViewport::shutterOnSlice() const
{
    const size_t k = size_t(slice());
    return m_volume && k < m_volume->sliceShutters.size() && shutterOf(k).any();
}

void SliceViewport::keepPresentationOnlyIfNamed()
{
    const ForeignPresentationState* ps = m_presentation->applied();
    if (!ps)
        return;
    const auto& sops = m_volume ? m_volume->sliceSopInstanceUids : std::vector<std::string>{};
    if (std::none_of(sops.begin(), sops.end(), [ps](const std::string& sop) { return ps->appliesTo(sop); }))
        m_presentation->apply(nullptr);
}

void SliceViewport::addObjectCornerLines(std::vector<std::string>& topRight) const
{
    const auto& sops = m_volume ? m_volume->sliceSopInstanceUids : std::vector<std::string>{};
    if (size_t(slice()) < sops.size())
        if (const auto key = m_keyImageTitles.find(sops[size_t(slice())]); key != m_keyImageTitles.end())
            topRight.insert(topRight.begin(), "Key image: " + key->second);
    if (const ForeignPresentationState* ps = m_presentation->applied())
        topRight.insert(topRight.begin(), "PS: " + (ps->label.empty() ? ps->sopInstanceUid : ps->label));
    if (const std::string fused = m_fusion->cornerLine(); !fused.empty())
        topRight.insert(topRight.begin(), fused);
    if (!m_linkText.empty())
        topRight.insert(topRight.begin(), m_linkText);
    if (!m_arrivalText.empty())
        topRight.insert(topRight.begin(), m_arrivalText);
    // A stand-in: the archive listed this slice, it has not arrived yet (the image is flat black).
    if (m_volume && m_volume->sliceToCome(slice()))
        topRight.insert(topRight.begin(), "Not received yet");
}

} // namespace hf
