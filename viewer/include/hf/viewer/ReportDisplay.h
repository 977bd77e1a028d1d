#pragma once
// Other producers' measurements (TID 1500 structured reports) drawn read-only over a slice view:
// each visible measurement group's regions on the image they were drawn on (SCOORD, in that
// image's pixels) or where they lie in patient space (SCOORD3D, same Frame of Reference, within
// half a slice), in a colour apart from our own annotations, labelled with the finding and
// values. GUI thread (it sets the scene's contour shapes).
#include "hf/annotations/Annotation.h"
#include "hf/dicomio/SrDocument.h"

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hf {

class SliceScene;

class ReportDisplay {
public:
    explicit ReportDisplay(SliceScene& scene);

    void setReports(std::vector<std::shared_ptr<const SrDocument>> reports);
    const std::vector<std::shared_ptr<const SrDocument>>& reports() const { return m_reports; }
    void setVisible(const std::string& reportSopInstanceUid, int group, bool visible);  // group: 0-based
    bool isVisible(const std::string& reportSopInstanceUid, int group) const;
    // Whether some region of the report can be drawn on the view's volume (its image is there,
    // or its Frame of Reference is the volume's).
    bool drawable(const SrDocument& report) const;

    void refresh();

    // A group's regions as our own annotations would hold them, where the view can place them
    // (the shown slice's image, or its plane): kind and patient points, ready to add.
    struct AsAnnotation {
        AnnotationKind kind;
        std::vector<Vec3> points;
    };
    std::vector<AsAnnotation> asAnnotations(const std::string& reportSopInstanceUid, int group) const;

    struct Drawn {
        std::string reportSopInstanceUid, label;
        int group = 0;
        std::vector<Vec3> points;  // patient space, the region's outline as drawn
    };
    const std::vector<Drawn>& drawn() const { return m_drawn; }

private:
    // The region's outline in patient space on the shown slice; empty when it is not on it.
    std::vector<Vec3> outlineOnSlice(const SrRegion& region) const;

    SliceScene& m_scene;
    std::vector<std::shared_ptr<const SrDocument>> m_reports;
    std::set<std::pair<std::string, int>> m_hidden;
    std::vector<Drawn> m_drawn;
};

} // namespace hf
