#pragma once
// A drawing over a 2D slice (an annotation as the view shows it): points in patient LPS mm, a
// label, and whether it is selected (drawn highlighted, with handles on its points).
// Value type, any thread.
#include "hf/dicomio/Vec3.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hf {

struct OverlayShape {
    enum class Type {
        Polyline,        // open: length, angle (3 points), Cobb (4 points: two lines)
        Segments,        // pairs of points, each pair a line (Cobb angle)
        ClosedPolyline,  // polygon, freehand
        Rectangle,       // two opposite corners
        Ellipse,         // two opposite corners of its box
        Arrow,           // from the first point to the head at the second
        Marker,          // a point or a text anchor
    };
    std::string id;
    Type type = Type::Polyline;
    std::vector<Vec3> points;
    std::string label;
    bool selected = false;
    std::optional<std::array<std::uint8_t, 3>> colour;  // its own (an RT structure's); else the annotation green
};

} // namespace hf
