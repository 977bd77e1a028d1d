#include "hf/viewer/SegmentationDisplay.h"

#include "hf/dicomio/ImageMarks.h"
#include "hf/dicomio/SegmentationSlicing.h"
#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceScene.h"

#include <algorithm>

namespace hf {
namespace {

constexpr int kLayer = 0;  // under the image's own overlays and shutter

} // namespace

SegmentationDisplay::SegmentationDisplay(SliceScene& scene)
    : m_scene(scene)
{
}

void SegmentationDisplay::setSegmentations(std::vector<std::shared_ptr<const Segmentation>> segmentations)
{
    m_segmentations = std::move(segmentations);
    refresh();
}

bool SegmentationDisplay::drawable(const Segmentation& seg) const
{
    const Volume* volume = m_scene.volume();
    return volume && !seg.frameOfReferenceUid.empty() && seg.frameOfReferenceUid == volume->frameOfReferenceUid;
}

void SegmentationDisplay::setVisible(const std::string& segSopInstanceUid, int segment, bool visible)
{
    if (visible)
        m_hidden.erase({segSopInstanceUid, segment});
    else
        m_hidden.insert({segSopInstanceUid, segment});
    refresh();
}

bool SegmentationDisplay::isVisible(const std::string& segSopInstanceUid, int segment) const
{
    return !m_hidden.count({segSopInstanceUid, segment});
}

void SegmentationDisplay::setOpacity(double opacity)
{
    m_opacity = std::clamp(opacity, 0.0, 1.0);
    refresh();
}

void SegmentationDisplay::refresh()
{
    m_drawn.clear();
    const Volume* volume = m_scene.volume();
    if (!volume || m_segmentations.empty()) {
        m_scene.setLabelLayer(kLayer, {});
        return;
    }
    const StackGeometry& g = volume->geometry();
    const double halfThickness = (g.sliceSpacing > 0 ? g.sliceSpacing : 1.0) / 2;
    std::vector<std::shared_ptr<const Segmentation>> drawable;
    for (const auto& seg : m_segmentations)
        if (this->drawable(*seg))
            drawable.push_back(seg);
    auto combined = layer(drawable, m_hidden, m_scene.plane(), halfThickness, m_opacity, m_drawn);
    m_scene.setLabelLayer(kLayer, std::move(combined));
}

std::vector<std::uint8_t> SegmentationDisplay::layer(const std::vector<std::shared_ptr<const Segmentation>>& segmentations,
                                                     const Hidden& hidden, const SlicePlane& plane, double halfThickness, double opacity,
                                                     std::vector<Drawn>& drawn)
{
    std::vector<std::uint8_t> combined;
    for (const auto& seg : segmentations) {
        std::set<int> hiddenHere;
        for (const SegmentInfo& s : seg->segments)
            if (hidden.count({seg->sopInstanceUid, s.number}))
                hiddenHere.insert(s.number);
        SegmentationLayer layer = segmentationLayer(*seg, plane, halfThickness, hiddenHere, opacity);
        if (layer.rgba.empty())
            continue;
        for (const auto& [number, pixels] : layer.pixels) {
            const SegmentInfo* info = seg->segment(number);
            drawn.push_back({seg->sopInstanceUid, info ? info->label : std::string(), number, info ? info->colour : std::array<std::uint8_t, 3>{},
                             pixels});
        }
        if (combined.empty()) {
            combined = std::move(layer.rgba);
            continue;
        }
        compositeOver(combined.data(), layer.rgba.data(), combined.size());  // a second SEG over the first
    }
    return combined;
}

} // namespace hf
