#pragma once
// The segmentations (SEG) a slice view draws over its image: each visible segment's mask on the
// shown slice in the segment's colour at the chosen opacity, read-only. SEGs of another Frame of
// Reference than the view's images are kept but not drawn. GUI thread (it sets the scene's layer).
#include "hf/dicomio/Segmentation.h"
#include "hf/dicomio/SlicePlane.h"

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hf {

class SliceScene;

class SegmentationDisplay {
public:
    explicit SegmentationDisplay(SliceScene& scene);

    void setSegmentations(std::vector<std::shared_ptr<const Segmentation>> segmentations);
    const std::vector<std::shared_ptr<const Segmentation>>& segmentations() const { return m_segmentations; }
    bool drawable(const Segmentation& seg) const;
    void setVisible(const std::string& segSopInstanceUid, int segment, bool visible);
    bool isVisible(const std::string& segSopInstanceUid, int segment) const;
    void setOpacity(double opacity);  // 0..1, of a pixel fully inside
    double opacity() const { return m_opacity; }

    // The shown slice (or volume) changed: draw again.
    void refresh();

    // Per segment drawn on the shown slice: how many of its pixels it covers.
    struct Drawn {
        std::string segSopInstanceUid, label;
        int segment = 0;
        std::array<std::uint8_t, 3> colour{};
        long long pixels = 0;
    };
    const std::vector<Drawn>& drawn() const { return m_drawn; }

    // The visible segments of the SEGs on a plane as one colour layer (each SEG over the ones
    // before it; shared with the MPR planes); empty when none is on it. drawn: per segment.
    using Hidden = std::set<std::pair<std::string, int>>;  // (SEG SOP Instance UID, segment number)
    static std::vector<std::uint8_t> layer(const std::vector<std::shared_ptr<const Segmentation>>& segmentations, const Hidden& hidden,
                                           const SlicePlane& plane, double halfThickness, double opacity, std::vector<Drawn>& drawn);
    const Hidden& hidden() const { return m_hidden; }

private:
    SliceScene& m_scene;
    std::vector<std::shared_ptr<const Segmentation>> m_segmentations;
    Hidden m_hidden;
    double m_opacity = 0.5;
    std::vector<Drawn> m_drawn;
};

} // namespace hf
