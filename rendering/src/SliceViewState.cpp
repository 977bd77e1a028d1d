#include "hf/rendering/SliceViewState.h"

#include <algorithm>

namespace hf {

void SliceViewState::rotateClockwise()
{
    // What pointed up now points right; what pointed left now points up.
    const ImageAxes2 right = m_right;
    m_right = m_up;
    m_up = -right;
}

void SliceViewState::rotateCounterClockwise()
{
    const ImageAxes2 up = m_up;
    m_up = m_right;
    m_right = -up;
}

void SliceViewState::flipHorizontal() { m_right = -m_right; }
void SliceViewState::flipVertical() { m_up = -m_up; }

void SliceViewState::resetOrientation()
{
    m_right = {1, 0};
    m_up = {0, -1};
}

void SliceViewState::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, 0.05, 64.0);
}

void SliceViewState::resetZoomAndPan()
{
    m_zoom = 1;
    m_pan = {0, 0};
}

} // namespace hf
