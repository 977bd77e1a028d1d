#pragma once
// Another series fused over a slice view (PET over CT): resampled in patient space onto the shown
// slice and drawn in a colour table at an opacity, under the segmentations. A series of the
// view's Frame of Reference is drawn as it is; one of another frame (a prior) only once a
// registration ties the two (setRegistration). GUI thread (it sets the scene's layer).
#include "hf/dicomio/RigidTransform.h"
#include "hf/rendering/FusionLayer.h"

#include <memory>
#include <optional>
#include <string>

namespace hf {

class SliceScene;
class Volume;
struct Vec3;

// An overlay's value at a point in its display units with them named ("SUVbw 3.20"); nothing
// outside it.
std::optional<std::string> fusedValueText(const Volume& overlay, const Vec3& lps);
// A plane of one frame moved into another by a rigid transform (still a plane).
SlicePlane movedPlane(const SlicePlane& plane, const RigidTransform& transform);

class FusionDisplay {
public:
    static constexpr int kLayer = -1;  // under the segmentations (0) and the image's marks (1)

    explicit FusionDisplay(SliceScene& scene);

    // overlay null: nothing fused. label: what the corner text calls it ("PT Phantom").
    void setOverlay(std::shared_ptr<const Volume> overlay, std::string seriesUid, std::string label, FusionLook look);
    void clear();
    // The transform from the view's patient points to the overlay's (its frame registered to the
    // view's); nothing: none (then only an overlay of the view's own frame is drawn).
    void setRegistration(std::optional<RigidTransform> toOverlay);
    const std::optional<RigidTransform>& registration() const { return m_toOverlay; }
    void setLook(FusionLook look);
    const FusionLook& look() const { return m_look; }
    const std::shared_ptr<const Volume>& overlay() const { return m_overlay; }
    const std::string& seriesUid() const { return m_seriesUid; }
    const std::string& label() const { return m_label; }
    // Fused and drawn: an overlay of the shown image's Frame of Reference.
    bool drawn() const { return m_drawn; }
    // Why an overlay that is set is not drawn ("another Frame of Reference"); empty when it is.
    const std::string& problem() const { return m_problem; }
    // "Fused: PT Phantom (Hot iron 50%, SUVbw 0-5)", or empty.
    std::string cornerLine() const;
    // The overlay's value at a point, in its display units with them named ("SUVbw 3.20").
    std::optional<std::string> valueText(const Vec3& lps) const;

    // The shown slice (or the base volume) changed: resample.
    void refresh();

private:
    SliceScene& m_scene;
    std::shared_ptr<const Volume> m_overlay;
    std::string m_seriesUid, m_label, m_problem;
    FusionLook m_look;
    std::optional<RigidTransform> m_toOverlay;
    bool m_drawn = false;
};

} // namespace hf
