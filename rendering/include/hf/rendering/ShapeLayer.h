#pragma once
// Draws OverlayShapes for a SliceScene: lines in the scene's world coordinates just in front of
// the slice, labels as screen text beside each shape, handles on the selected shape's points.
// The scene converts patient coordinates and tells the layer where things land on screen.
// GUI thread.
#include "hf/rendering/OverlayShape.h"

#include <array>
#include <functional>
#include <memory>
#include <vector>

class vtkMatrix4x4;
class vtkRenderer;

namespace hf {

class ShapeLayer {
public:
    // A shape's points already in scene coordinates (x, y in the slice plane).
    struct Placed {
        OverlayShape::Type type;
        std::vector<std::array<double, 2>> xy;
        std::string label;
        bool selected = false;
        std::optional<std::array<std::uint8_t, 3>> colour;
    };

    explicit ShapeLayer(vtkRenderer* renderer);
    ~ShapeLayer();
    ShapeLayer(const ShapeLayer&) = delete;
    ShapeLayer& operator=(const ShapeLayer&) = delete;

    // z: the plane to draw in; handleSize: half a handle's side in scene units.
    void setShapes(std::vector<Placed> shapes, double z, double handleSize);
    // Where the scene coordinates lie in the world (an MPR plane's placement); none: the world.
    void setUserMatrix(vtkMatrix4x4* matrix);
    // Puts each label beside its shape; toDisplay maps scene (x, y) to display pixels (y up).
    void placeLabels(const std::function<std::array<double, 2>(double, double)>& toDisplay);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
