#include "hf/rendering/VolumeRenderingPreset.h"

namespace hf {

VolumeRenderingPreset VolumeRenderingPreset::ctBone()
{
    VolumeRenderingPreset p;
    p.name = "CT bone";
    p.colors = {{-1000, 0, 0, 0}, {150, 0.55, 0.25, 0.15}, {400, 0.9, 0.82, 0.66}, {3000, 1, 1, 0.95}};
    p.opacities = {{-1000, 0}, {180, 0}, {400, 0.8}, {3000, 0.9}};
    return p;
}

} // namespace hf
