#pragma once
// The RT structure sets a slice view draws over its image: each visible ROI's contours cut by
// the shown slice, in the ROI's display colour, read-only. Sets of another Frame of Reference
// than the view's images are kept but not drawn (their coordinates mean nothing here).
// GUI thread (it sets the scene's contour shapes).
#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/StructureSet.h"
#include "hf/rendering/OverlayShape.h"

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hf {

class SliceScene;

class StructureDisplay {
public:
    explicit StructureDisplay(SliceScene& scene);

    void setStructureSets(std::vector<std::shared_ptr<const StructureSet>> sets);
    const std::vector<std::shared_ptr<const StructureSet>>& structureSets() const { return m_sets; }
    // Whether a set can be drawn on the view's images (same Frame of Reference).
    bool drawable(const StructureSet& set) const;
    void setVisible(const std::string& setSopInstanceUid, int roiNumber, bool visible);
    bool isVisible(const std::string& setSopInstanceUid, int roiNumber) const;

    // The shown slice (or volume) changed: cut the contours again.
    void refresh();

    // What is drawn on the shown slice, per ROI (for the screenshot's description).
    struct Drawn {
        std::string setSopInstanceUid, roiName;
        int roiNumber = 0;
        std::array<std::uint8_t, 3> colour{};
        int shapes = 0;
        std::vector<Vec3> points;  // the ROI's first shape's points
    };
    const std::vector<Drawn>& drawn() const { return m_drawn; }

    // The outlines of the sets' visible ROIs on a plane (shared with the MPR planes); drawn: per ROI.
    using Hidden = std::set<std::pair<std::string, int>>;  // (set SOP Instance UID, ROI number)
    static std::vector<OverlayShape> outlines(const std::vector<std::shared_ptr<const StructureSet>>& sets, const Hidden& hidden,
                                              const SlicePlane& plane, double halfThickness, std::vector<Drawn>& drawn);
    const Hidden& hidden() const { return m_hidden; }

private:
    SliceScene& m_scene;
    std::vector<std::shared_ptr<const StructureSet>> m_sets;
    Hidden m_hidden;
    std::vector<Drawn> m_drawn;
};

} // namespace hf
