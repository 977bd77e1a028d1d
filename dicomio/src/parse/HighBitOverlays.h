#pragma once
// Overlay planes kept in the pixel data's unused high bits (a form retired in 2004, still in old
// archives): their bits are read from the frame's pixel data on disk, where it is stored native
// (uncompressed little endian); planes that cannot be read so are left out. Any thread.
#include "hf/dicomio/FrameHeader.h"

namespace hf {

void fillHighBitOverlays(FrameHeader& h);

} // namespace hf
