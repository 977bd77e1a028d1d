#include "hf/dicomio/SeriesOpening.h"

#include "hf/dicomio/SlicePlane.h"
#include "hf/dicomio/StackBuilder.h"

#include <algorithm>
#include <cctype>

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

bool isTimeSeries(const Series& series)
{
    const auto& stacks = series.stacks;
    if (stacks.size() < 2)
        return false;
    const auto timeLike = [](const StackDistinction& d) {
        return d.key == "temporal_position" || d.key == "trigger_time" || d.key == "acquisition_number";
    };
    const Stack& first = stacks.front();
    for (const Stack& stack : stacks) {
        if (stack.distinctions.empty() || !std::all_of(stack.distinctions.begin(), stack.distinctions.end(), timeLike))
            return false;
        // One geometry: same grid and the same planes, so a slice shows one place at every time.
        const StackGeometry& g = stack.geometry;
        const StackGeometry& f = first.geometry;
        if (g.columns != f.columns || g.rows != f.rows || g.slices != f.slices || stack.slices.empty() || first.slices.empty() ||
            (stack.slices.front().position - first.slices.front().position).norm() > 0.01 ||
            (stack.slices.back().position - first.slices.back().position).norm() > 0.01)
            return false;
    }
    return true;
}

std::string readableTime(const std::string& t)
{
    if (t.size() < 4 || !std::all_of(t.begin(), t.begin() + 4, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return {};
    std::string out = t.substr(0, 2) + ":" + t.substr(2, 2);
    if (t.size() >= 6 && std::isdigit(static_cast<unsigned char>(t[4])) && std::isdigit(static_cast<unsigned char>(t[5])))
        out += ":" + t.substr(4, 2);
    if (t.size() > 7 && t[6] == '.')  // hundredths are enough to tell time points apart
        out += "." + t.substr(7, std::min<size_t>(2, t.size() - 7));
    return out;
}

StackPosition stackPosition(const SeriesInTree& where)
{
    StackPosition p;
    const auto& stacks = where.series->stacks;
    p.count = int(stacks.size());
    p.timeSeries = isTimeSeries(*where.series);
    for (size_t k = 0; k < stacks.size(); ++k) {
        p.labels.push_back(stacks[k].label);
        p.acquisitionTimes.push_back(stacks[k].slices.empty() ? std::string() : readableTime(stacks[k].slices.front().acquisitionTime));
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
    const std::string position = std::to_string(stack.index + 1) + "/" + std::to_string(stack.count);
    if (stack.timeSeries) {
        const std::string time = size_t(stack.index) < stack.acquisitionTimes.size() ? stack.acquisitionTimes[size_t(stack.index)] : "";
        const std::string what = time.empty() ? stack.label : stack.label.empty() ? time : time + ", " + stack.label;
        return "Time " + position + (what.empty() ? "" : ": " + what);
    }
    return "Stack " + position + (stack.label.empty() ? "" : ": " + stack.label);
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
