#include "hf/dicomio/ArrivalPlaceholders.h"

#include <set>
#include <tuple>

namespace hf {

namespace {

bool sameDirection(const Vec3& a, const Vec3& b) { return (a - b).norm() < 1e-3; }

// Positions at a thousandth of a millimetre: what counts as the same place.
std::tuple<long, long, long> place(const Vec3& p)
{
    auto r = [](double v) { return long(v * 1000.0 + (v < 0 ? -0.5 : 0.5)); };
    return {r(p.x), r(p.y), r(p.z)};
}

} // namespace

std::vector<FrameHeader> arrivalPlaceholders(const std::vector<FrameHeader>& arrived, const std::string& seriesUid,
                                             const std::vector<ExpectedInstance>& expected)
{
    const FrameHeader* model = nullptr;
    std::set<std::string> here;
    std::set<std::tuple<long, long, long>> places;
    for (const FrameHeader& f : arrived) {
        if (f.seriesUid != seriesUid)
            continue;
        if (f.framesInFile > 1 || !f.hasPosition)
            return {};
        if (!places.insert(place(f.position)).second)
            return {};  // several stacks at the same positions
        here.insert(f.sopInstanceUid);
        if (!model)
            model = &f;
    }
    if (!model)
        return {};
    std::vector<FrameHeader> standIns;
    for (const ExpectedInstance& e : expected) {
        if (here.count(e.sopInstanceUid))
            continue;
        if (!e.hasPosition || !places.insert(place(e.position)).second)
            return {};
        if (e.hasOrientation && !(sameDirection(e.rowDirection, model->rowDirection) && sameDirection(e.columnDirection, model->columnDirection)))
            return {};
        FrameHeader standIn = *model;
        standIn.path.clear();
        standIn.toCome = true;
        standIn.sopInstanceUid = e.sopInstanceUid;
        standIn.instanceNumber = e.instanceNumber;
        standIn.position = e.position;
        standIn.overlays.clear();
        standIn.shutter = {};
        standIns.push_back(std::move(standIn));
    }
    return standIns;
}

} // namespace hf
