#pragma once
// The one way a series is opened, whatever gave its headers (a scan of files or the cache's
// index): frames -> patient > study > series > stacks -> the series asked for (its UID, else the
// first with images) and its stack (the one holding a point, else the first) -> one volume.
// Synchronous, any thread; decoding is isolated as VolumeLoader's is.
#include "hf/dicomio/Progress.h"
#include "hf/dicomio/StudyTree.h"
#include "hf/dicomio/Vec3.h"
#include "hf/dicomio/VolumeLoader.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hf {

// Where a series sits in a tree; pointers into that tree.
struct SeriesInTree {
    const Patient* patient = nullptr;
    const Study* study = nullptr;
    const Series* series = nullptr;
    const Stack* stack = nullptr;
};

// seriesUid empty: the first series with images. With several stacks, stack `stackIndex`
// (0-based) when given and there, else the one holding `near`, else the first. Nothing when the
// tree has no such series.
std::optional<SeriesInTree> findSeries(const StudyTree& tree, const std::string& seriesUid = {},
                                       std::optional<Vec3> near = std::nullopt, int stackIndex = -1);

// Which of its series' stacks one is, and what the others are ("stack 1 of 3"): no image of a
// series is hidden without the reader being told.
struct StackPosition {
    int index = 0, count = 1;
    std::string label;                // what tells this stack apart (empty when it is alone)
    std::vector<std::string> labels;  // every stack's, in series order
    // A 4D series: its stacks are time points of one geometry (told apart only by temporal
    // position, trigger time or acquisition number), stepped through in time at one slice.
    bool timeSeries = false;
    std::vector<std::string> acquisitionTimes;  // each stack's first image's, "08:36:34.46" ("" unknown)
};
StackPosition stackPosition(const SeriesInTree& where);
// Whether a series' stacks are the time points of one geometry (see StackPosition).
bool isTimeSeries(const Series& series);
// DICOM TM ("083634.455", "0836") as a reader reads it: "08:36:34.46", "08:36"; "" when malformed.
std::string readableTime(const std::string& dicomTime);
// "Stack 2/3: TE 92.00 ms" for a stack of several ("Time 2/4: 08:36:34.46, acq 2" for a time
// point of a 4D series), empty for a series of one: what every place that shows or exports a
// stack says about it.
std::string describeStack(const StackPosition& stack);

struct SeriesOpenRequest {
    std::string seriesUid;     // empty: the first series with images
    std::optional<Vec3> near;  // several stacks: the one holding this point
    int stackIndex = -1;       // several stacks: this one (0-based), when there
    int firstSlice = -1;       // decoded first and handed over at once (-1: the middle)
    ProgressSink progress;
    // The series was found (in `tree`, the whole tree built from the frames); decoding starts.
    std::function<void(const StudyTree& tree, const SeriesInTree& where)> chosen;
    VolumeLoader::FirstSliceCallback firstSliceReady;
    unsigned workers = 0;  // 0: one per core
};

struct LoadedSeries {
    StudyTree tree;  // owns what `where` points into (keep it; moving it keeps the pointers)
    std::optional<SeriesInTree> where;
    LoadResult loaded;  // empty when the series was not found
};

LoadedSeries openSeries(std::vector<FrameHeader> frames, const SeriesOpenRequest& request);

} // namespace hf
