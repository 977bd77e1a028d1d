#pragma once
// The tube phantom (make-phantom --tube: half a helix of contrast above the spheres) at 1 mm,
// 96x96x64, as the curved-reformat tests open it.
#include "hf/dicomio/PhantomModel.h"

namespace hf::test {

inline PhantomOptions tubePhantom()
{
    PhantomOptions o;
    o.columns = o.rows = 96;
    o.slices = 64;
    o.columnSpacing = o.rowSpacing = o.sliceSpacing = 1;
    o.tube = true;
    return o;
}

} // namespace hf::test
