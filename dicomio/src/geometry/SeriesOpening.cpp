#include "hf/dicomio/SeriesOpening.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/StackBuilder.h"

namespace hf {

std::optional<SeriesInTree> findSeries(const StudyTree& tree, const std::string& seriesUid, std::optional<Vec3> near, int stackIndex)
{
    for (const auto& patient : tree.patients)
        for (const auto& study : patient.studies)
            for (const auto& series : study.series) {
                if (series.stacks.empty() || (!seriesUid.empty() && series.uid != seriesUid))
                    continue;
                const Stack* chosen = &series.stacks.front();
                if (stackIndex >= 0 && size_t(stackIndex) < series.stacks.size())
                    chosen = &series.stacks[size_t(stackIndex)];
                else if (near)
                    for (const auto& stack : series.stacks)
                        if (nearestSlice(stack.geometry, *near)) {
                            chosen = &stack;
                            break;
                        }
                return SeriesInTree{&patient, &study, &series, chosen};
            }
    return std::nullopt;
}

StackPosition stackPosition(const SeriesInTree& where)
{
    StackPosition p;
    const auto& stacks = where.series->stacks;
    p.count = int(stacks.size());
    for (size_t k = 0; k < stacks.size(); ++k) {
        p.labels.push_back(stacks[k].label);
        if (&stacks[k] == where.stack)
            p.index = int(k);
    }
    p.label = where.stack->label;
    return p;
}

std::string describeStack(const StackPosition& stack)
{
    if (stack.count < 2)
        return {};
    return "Stack " + std::to_string(stack.index + 1) + "/" + std::to_string(stack.count) + (stack.label.empty() ? "" : ": " + stack.label);
}

LoadedSeries openSeries(std::vector<FrameHeader> frames, const SeriesOpenRequest& request)
{
    LoadedSeries out;
    out.tree = StackBuilder().build(std::move(frames));
    out.where = findSeries(out.tree, request.seriesUid, request.near, request.stackIndex);
    if (!out.where)
        return out;
    if (request.chosen)
        request.chosen(out.tree, *out.where);
    out.loaded = VolumeLoader(request.workers).load(*out.where->stack, request.progress, request.firstSliceReady, request.firstSlice);
    return out;
}

} // namespace hf
