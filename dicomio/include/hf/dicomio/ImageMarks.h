#pragma once
// What an image carries to be drawn over itself (PS3.3 C.9 overlay planes, C.7.6.11 display
// shutter): overlay planes whose bits are in Overlay Data (60xx,3000) or, in older files (a
// retired form), in an unused high bit of the pixel data; and the shutter that blanks what lies
// outside the region of interest. Value types, any thread.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hf {

struct ImageOverlay {
    int group = 0x6000;
    int rows = 0, columns = 0;
    int originRow = 1, originColumn = 1;  // 1-based image position of the overlay's first pixel
    int frames = 1, firstFrame = 1;       // a multi-frame overlay covers image frames firstFrame..
    std::string type;                     // "G" graphics, "R" region of interest
    std::string description;
    std::vector<std::uint8_t> bits;       // as stored: 1 bit per pixel, least significant first, frame after frame
    int pixelDataBit = -1;                // retired form: the bit of each pixel data word that holds it (bits filled by the scanner)
    std::array<std::uint8_t, 3> colour{255, 255, 255};  // drawn in: white, or a presentation state's layer colour
};

struct DisplayShutter {
    bool rectangular = false, circular = false, polygonal = false;
    int left = 0, right = 0, upper = 0, lower = 0;  // 1-based columns / rows of the rectangle's edges
    int centreRow = 0, centreColumn = 0, radius = 0;
    std::vector<int> vertices;                      // row, column pairs (1-based)
    int presentationValue = 0;                      // grey outside, 0..65535 (0: black)
    // A presentation state's bitmap shutter: an overlay plane whose set pixels are blanked.
    bool bitmap = false;
    ImageOverlay bitmapPlane;
    bool any() const { return rectangular || circular || polygonal || bitmap; }
};

// The RGBA layer (columns x rows, row by row) over image frame `frame` (1-based): overlay pixels
// in their colour where showOverlays, and opaque grey outside the shutter. Empty when there is nothing to draw.
// One RGBA layer over another of the same size ("over" compositing, straight alpha), in place.
void compositeOver(std::uint8_t* below, const std::uint8_t* above, size_t bytes);
// Layers of `bytes` each by order (lowest first), each over the ones below it, into `out`.
void composeLayers(const std::map<int, std::vector<std::uint8_t>>& layers, std::uint8_t* out, size_t bytes);

std::vector<std::uint8_t> imageMarksLayer(const std::vector<ImageOverlay>& overlays, const DisplayShutter& shutter, int rows,
                                          int columns, int frame, bool showOverlays);

} // namespace hf
