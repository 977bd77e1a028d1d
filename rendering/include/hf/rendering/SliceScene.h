#pragma once
// A 2D reading scene: one native slice of a Volume with window/level, seen head-on with rows
// going down and columns to the right (as the acquisition stored them). Owns a vtkRenderer;
// lives on the GUI thread.
#include <memory>

class vtkRenderer;

namespace hf {

class Volume;

class SliceScene {
public:
    SliceScene();
    ~SliceScene();
    SliceScene(const SliceScene&) = delete;
    SliceScene& operator=(const SliceScene&) = delete;

    vtkRenderer* renderer() const;

    void setVolume(std::shared_ptr<const Volume> volume);
    bool hasVolume() const;
    int sliceCount() const;
    int slice() const;
    void setSlice(int k);  // clamped to the stack
    void setWindow(double center, double width);  // also leaves the VOI LUT
    // The file's VOI LUT instead of a window (chosen by default when the file has no window).
    bool hasVoiLut() const;
    void useVoiLut();
    bool usingVoiLut() const;
    double windowCenter() const;
    double windowWidth() const;
    void resetCamera();
    // The volume's buffer was written to (the rest of the slices arrived): re-read it.
    void volumeDataChanged();
    // Text in the corners (slice, window); the caller decides what.
    void setCornerText(int corner, const char* text);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

} // namespace hf
