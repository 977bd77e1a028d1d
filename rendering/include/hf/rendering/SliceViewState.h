#pragma once
// How a 2D view presents its slice: which image direction points right and up on the screen
// (after rotations and flips), zoom relative to "fit", pan, and inversion. Image directions
// are in the slice's (column, row) axes: (1, 0) is increasing column, (0, 1) increasing row.
// Pure arithmetic, no VTK; any thread.
#include <array>

namespace hf {

struct ImageAxes2 {
    int x = 0, y = 0;  // one of (±1, 0), (0, ±1)
    bool operator==(const ImageAxes2& o) const { return x == o.x && y == o.y; }
    ImageAxes2 operator-() const { return {-x, -y}; }
};

class SliceViewState {
public:
    // As stored: columns to the right, row 0 at the top.
    ImageAxes2 screenRight() const { return m_right; }
    ImageAxes2 screenUp() const { return m_up; }

    void rotateClockwise();         // the picture turns 90 degrees clockwise
    void rotateCounterClockwise();
    void flipHorizontal();          // mirror left-right on the screen
    void flipVertical();            // mirror top-bottom on the screen
    void resetOrientation();

    // 1 = the whole slice fits the view; 2 = twice as large.
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    // Pan: the image point (mm along columns, rows) at the centre of the view, relative to the
    // slice centre.
    std::array<double, 2> pan() const { return m_pan; }
    void setPan(double alongColumns, double alongRows) { m_pan = {alongColumns, alongRows}; }
    void resetZoomAndPan();

    bool inverted() const { return m_inverted; }
    void setInverted(bool inverted) { m_inverted = inverted; }

private:
    ImageAxes2 m_right{1, 0}, m_up{0, -1};
    double m_zoom = 1;
    std::array<double, 2> m_pan{0, 0};
    bool m_inverted = false;
};

} // namespace hf
