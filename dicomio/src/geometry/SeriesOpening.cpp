#include "hf/dicomio/SeriesOpening.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/StackBuilder.h"

namespace hf {

std::optional<SeriesInTree> findSeries(const StudyTree& tree, const std::string& seriesUid, std::optional<Vec3> near)
{
    for (const auto& patient : tree.patients)
        for (const auto& study : patient.studies)
            for (const auto& series : study.series) {
                if (series.stacks.empty() || (!seriesUid.empty() && series.uid != seriesUid))
                    continue;
                const Stack* chosen = &series.stacks.front();
                if (near)
                    for (const auto& stack : series.stacks)
                        if (nearestSlice(stack.geometry, *near)) {
                            chosen = &stack;
                            break;
                        }
                return SeriesInTree{&patient, &study, &series, chosen};
            }
    return std::nullopt;
}

LoadedSeries openSeries(std::vector<FrameHeader> frames, const SeriesOpenRequest& request)
{
    LoadedSeries out;
    out.tree = StackBuilder().build(std::move(frames));
    out.where = findSeries(out.tree, request.seriesUid, request.near);
    if (!out.where)
        return out;
    if (request.chosen)
        request.chosen(out.tree, *out.where);
    out.loaded = VolumeLoader(request.workers).load(*out.where->stack, request.progress, request.firstSliceReady, request.firstSlice);
    return out;
}

} // namespace hf
