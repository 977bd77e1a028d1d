#include "hf/dicomio/StackBuilder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace hf {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string format(const char* fmt, double a, double b = 0)
{
    char buf[128];
    std::snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

long rounded(double v, double step) { return std::lround(v / step); }

// Frames with different keys cannot share one volume.
using StackKey = std::tuple<int, int, int, int, std::string, long, long, long, long, long, long, long, long, bool, int,
                            std::string, std::string>;

StackKey stackKey(const FrameHeader& f)
{
    const Vec3& r = f.rowDirection;
    const Vec3& c = f.columnDirection;
    // Frames without a position can only be ordered inside their own file (cine, secondary capture).
    const std::string fileIfNoPosition = f.hasPosition ? std::string() : f.path;
    return {f.rows, f.columns, f.samplesPerPixel, f.bitsAllocated, f.photometricName,
            rounded(r.x, 1e-3), rounded(r.y, 1e-3), rounded(r.z, 1e-3),
            rounded(c.x, 1e-3), rounded(c.y, 1e-3), rounded(c.z, 1e-3),
            rounded(f.rowSpacing, 1e-4), rounded(f.columnSpacing, 1e-4),
            f.isLocalizer(), f.temporalPosition, f.frameType, fileIfNoPosition};
}

bool hasDuplicatePositions(const std::vector<FrameHeader>& frames)
{
    std::vector<std::tuple<long, long, long>> positions;
    for (const auto& f : frames)
        if (f.hasPosition)
            positions.emplace_back(rounded(f.position.x, 1e-3), rounded(f.position.y, 1e-3), rounded(f.position.z, 1e-3));
    std::sort(positions.begin(), positions.end());
    return std::adjacent_find(positions.begin(), positions.end()) != positions.end();
}

template <class T, class KeyFn>
std::vector<std::vector<T>> groupBy(std::vector<T> items, KeyFn key)
{
    std::map<decltype(key(items.front())), std::vector<T>> groups;
    for (auto& item : items)
        groups[key(item)].push_back(std::move(item));
    std::vector<std::vector<T>> out;
    for (auto& [k, v] : groups)
        out.push_back(std::move(v));
    return out;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// A position seen twice means several volumes share the key: time points told apart only by
// Acquisition Number (fMRI, perfusion), or one volume per multi-frame file. Split by whichever
// removes the repeats; if neither does, the stack keeps them and measure() reports them.
std::vector<std::vector<FrameHeader>> splitRepeatedPositions(std::vector<FrameHeader> frames)
{
    if (!hasDuplicatePositions(frames))
        return {std::move(frames)};
    auto byAcquisition = groupBy(frames, [](const FrameHeader& f) { return f.acquisitionNumber; });
    if (byAcquisition.size() > 1
        && std::none_of(byAcquisition.begin(), byAcquisition.end(), hasDuplicatePositions))
        return byAcquisition;
    auto byFile = groupBy(frames, [](const FrameHeader& f) { return f.path; });
    if (byFile.size() > 1 && byFile.size() < frames.size()
        && std::none_of(byFile.begin(), byFile.end(), hasDuplicatePositions))
        return byFile;
    return {std::move(frames)};
}

} // namespace

void StackBuilder::measure(Stack& stack)
{
    auto& s = stack.slices;
    const FrameHeader& first = s.front();
    StackGeometry& g = stack.geometry;
    g.columns = first.columns;
    g.rows = first.rows;
    g.columnSpacing = first.columnSpacing;
    g.rowSpacing = first.rowSpacing;
    g.rowDirection = first.rowDirection;
    g.columnDirection = first.columnDirection;
    g.normal = first.normal();

    stack.hasPositions = std::all_of(s.begin(), s.end(), [](const FrameHeader& f) { return f.hasPosition; });
    double fallbackStep = first.spacingBetweenSlices > 0 ? first.spacingBetweenSlices
                          : first.sliceThickness > 0   ? first.sliceThickness
                                                        : 1.0;
    if (!stack.hasPositions) {
        std::stable_sort(s.begin(), s.end(), [](const FrameHeader& a, const FrameHeader& b) {
            return std::tie(a.instanceNumber, a.frameIndex) < std::tie(b.instanceNumber, b.frameIndex);
        });
        g.slices = int(s.size());
        g.origin = first.position;
        g.sliceSpacing = fallbackStep;
        g.sliceStep = g.normal * fallbackStep;
        if (s.size() > 1)
            stack.warnings.push_back("no Image Position (Patient): frames ordered by number, spacing assumed");
        return;
    }

    const Vec3 n = g.normal;
    std::stable_sort(s.begin(), s.end(), [&](const FrameHeader& a, const FrameHeader& b) {
        return a.position.dot(n) < b.position.dot(n);
    });
    // Duplicate positions: keep the first (lowest instance number wins through the stable sort order).
    size_t duplicates = 0;
    std::vector<FrameHeader> unique;
    for (auto& f : s) {
        if (!unique.empty() && (f.position - unique.back().position).norm() < 1e-3) {
            ++duplicates;
            continue;
        }
        unique.push_back(std::move(f));
    }
    s = std::move(unique);
    if (duplicates)
        stack.warnings.push_back(format("%.0f duplicate positions dropped", double(duplicates)));

    g.slices = int(s.size());
    g.origin = s.front().position;
    if (s.size() == 1) {
        g.sliceSpacing = fallbackStep;
        g.sliceStep = n * fallbackStep;
        return;
    }
    std::vector<double> steps;
    for (size_t k = 1; k < s.size(); ++k)
        steps.push_back((s[k].position - s[k - 1].position).dot(n));
    const double typical = median(steps);
    const auto [minIt, maxIt] = std::minmax_element(steps.begin(), steps.end());
    g.sliceStep = (s.back().position - s.front().position) * (1.0 / double(s.size() - 1));
    g.sliceSpacing = g.sliceStep.dot(n);

    const double tilt = std::acos(std::clamp(g.sliceStep.normalized().dot(n), -1.0, 1.0)) * 180.0 / kPi;
    if (tilt > 0.05) {
        stack.gantryTilted = true;
        stack.warnings.push_back(format("gantry tilt %.1f deg", tilt));
    }
    if (*maxIt - *minIt > 0.01 * typical + 1e-3) {
        stack.unevenSpacing = true;
        stack.warnings.push_back(format("uneven spacing %.2f..%.2f mm", *minIt, *maxIt));
        size_t gaps = 0;
        for (double step : steps)
            gaps += step > 1.5 * typical ? size_t(std::lround(step / typical)) - 1 : 0;
        if (gaps)
            stack.warnings.push_back(format("about %.0f missing slices (gaps over 1.5x the %.2f mm typical spacing)",
                                            double(gaps), typical));
    }
}

StudyTree StackBuilder::build(std::vector<FrameHeader> frames) const
{
    StudyTree tree;
    if (frames.empty())
        return tree;
    auto byPatient = groupBy(std::move(frames), [](const FrameHeader& f) { return f.patientId + '\x1f' + f.patientName; });
    for (auto& patientFrames : byPatient) {
        Patient patient;
        static_cast<PatientIdentity&>(patient) = patientFrames.front().patient();
        for (auto& studyFrames : groupBy(std::move(patientFrames), [](const FrameHeader& f) { return f.studyUid; })) {
            Study study;
            static_cast<StudyIdentity&>(study) = studyFrames.front().study();
            for (auto& seriesFrames : groupBy(std::move(studyFrames), [](const FrameHeader& f) { return f.seriesUid; })) {
                Series series;
                static_cast<SeriesIdentity&>(series) = seriesFrames.front().series();
                for (auto& stackFrames : groupBy(std::move(seriesFrames), stackKey)) {
                    for (auto& frames : splitRepeatedPositions(std::move(stackFrames))) {
                        Stack stack;
                        stack.slices = std::move(frames);
                        measure(stack);
                        series.stacks.push_back(std::move(stack));
                    }
                }
                // The biggest stack first: it is what a reader opens; localizers come last.
                std::stable_sort(series.stacks.begin(), series.stacks.end(), [](const Stack& a, const Stack& b) {
                    return std::make_tuple(a.slices.front().isLocalizer(), -a.geometry.slices)
                           < std::make_tuple(b.slices.front().isLocalizer(), -b.geometry.slices);
                });
                study.series.push_back(std::move(series));
            }
            std::sort(study.series.begin(), study.series.end(),
                      [](const Series& a, const Series& b) { return a.number < b.number; });
            patient.studies.push_back(std::move(study));
        }
        tree.patients.push_back(std::move(patient));
    }
    return tree;
}

} // namespace hf
