#pragma once
// Where AnnotationEditing draws: a 2D slice view or one MPR plane. It says which annotations it
// shows, turns view pixels (y down) into patient points and back, and takes the shapes to draw
// in patient space. GUI thread.
#include "hf/dicomio/SlicePlane.h"
#include "hf/rendering/OverlayShape.h"
#include "hf/viewer/ViewAnnotation.h"

#include <array>
#include <optional>
#include <vector>

namespace hf {

// What a canvas draws of an annotation: its own shape, or where it crosses the canvas's plane
// (`cut`: pairs of points, the ends of each crossing chord, or one point where a line pierces it).
struct DrawnAnnotation {
    std::vector<Vec3> points;
    bool cut = false;
};

class AnnotationCanvas {
public:
    virtual ~AnnotationCanvas() = default;
    virtual bool ready() const = 0;  // a volume is shown
    virtual SlicePlane plane() const = 0;
    // What to draw of an annotation here; nothing where it is not shown. `points` replace the
    // annotation's own (one being moved).
    virtual std::optional<DrawnAnnotation> drawn(const ViewAnnotation& annotation, const std::vector<Vec3>& points) const = 0;
    virtual Vec3 patientPosition(double x, double y) const = 0;
    virtual std::array<double, 2> viewPosition(const Vec3& lps) const = 0;
    virtual void setShapes(std::vector<OverlayShape> shapes) = 0;
};

} // namespace hf
