#include "hf/dicomio/StackBuilder.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
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

// A position seen twice means several volumes share the key: echoes, b-values, cardiac phases,
// time points told apart only by Acquisition Number (fMRI, perfusion), one volume per
// multi-frame file, or volumes told apart by nothing but their order (a GE field map and its
// magnitude: same positions, same Image Type, instance numbers 1-16 and 17-32). Split by the
// first of these that removes the repeats; the last always does.
std::vector<std::vector<FrameHeader>> splitRepeatedPositions(std::vector<FrameHeader> frames)
{
    if (!hasDuplicatePositions(frames))
        return {std::move(frames)};
    auto cleanSplit = [](const std::vector<std::vector<FrameHeader>>& groups, size_t total) {
        return groups.size() > 1 && groups.size() < total && std::none_of(groups.begin(), groups.end(), hasDuplicatePositions);
    };
    const size_t total = frames.size();
    for (auto split : {groupBy(frames, [](const FrameHeader& f) { return rounded(f.echoTime, 1e-2); }),
                       groupBy(frames, [](const FrameHeader& f) { return f.hasBValue ? rounded(f.bValue, 1) : -1L; }),
                       groupBy(frames, [](const FrameHeader& f) { return f.hasTriggerTime ? rounded(f.triggerTime, 1e-1) : -1L; }),
                       groupBy(frames, [](const FrameHeader& f) { return long(f.acquisitionNumber); }),
                       groupBy(frames, [](const FrameHeader& f) { return f.path; })})
        if (cleanSplit(split, total))
            return split;
    // By order: the k-th frame at a position (by instance number) goes to volume k.
    std::stable_sort(frames.begin(), frames.end(), [](const FrameHeader& a, const FrameHeader& b) {
        return std::tie(a.instanceNumber, a.frameIndex) < std::tie(b.instanceNumber, b.frameIndex);
    });
    // Only when every position repeats the same number of times (whole volumes); a slice sent
    // twice stays one stack, and measure() drops and reports the duplicate.
    std::map<std::tuple<long, long, long>, size_t> seen;
    for (const auto& f : frames)
        ++seen[{rounded(f.position.x, 1e-3), rounded(f.position.y, 1e-3), rounded(f.position.z, 1e-3)}];
    const size_t volumes = seen.begin()->second;
    if (std::any_of(seen.begin(), seen.end(), [volumes](const auto& p) { return p.second != volumes; }))
        return {std::move(frames)};
    seen.clear();
    std::vector<std::vector<FrameHeader>> parts(volumes);
    for (auto& f : frames)
        parts[seen[{rounded(f.position.x, 1e-3), rounded(f.position.y, 1e-3), rounded(f.position.z, 1e-3)}]++].push_back(std::move(f));
    return parts;
}

std::string orientationName(const Vec3& normal)
{
    const double x = std::abs(normal.x), y = std::abs(normal.y), z = std::abs(normal.z);
    return z >= x && z >= y ? "axial" : y >= x ? "coronal" : "sagittal";
}

// The component of a magnitude/phase/real/imaginary image: from the enhanced Frame Type, else
// Image Type's third value (Siemens, GE and Philips write M, P, R, I there).
std::string imageComponent(const FrameHeader& f)
{
    std::string source = f.frameType.empty() ? f.imageType : f.frameType;
    for (const char* name : {"MAGNITUDE", "PHASE", "REAL", "IMAGINARY"})
        if (source.find(name) != std::string::npos)
            return name;
    std::vector<std::string> values;
    size_t start = 0;
    for (size_t end; (end = source.find('\\', start)) != std::string::npos; start = end + 1)
        values.push_back(source.substr(start, end - start));
    values.push_back(source.substr(start));
    if (values.size() >= 3) {
        const std::string v = values[2];
        if (v == "M")
            return "MAGNITUDE";
        if (v == "P")
            return "PHASE";
        if (v == "R")
            return "REAL";
        if (v == "I")
            return "IMAGINARY";
        if (!v.empty())
            return v;
    }
    return source;
}

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// What tells each stack of a series apart, in the order a reader looks for it; only keys whose
// value differs between the stacks are named. Stacks no key tells apart are numbered (part k).
void labelStacks(std::vector<Stack>& stacks)
{
    if (stacks.size() < 2)
        return;
    struct Key {
        const char* name;
        std::function<std::optional<StackDistinction>(const FrameHeader&)> of;
    };
    auto numeric = [](const char* key, std::string text, double v) { return StackDistinction{key, std::move(text), v, true}; };
    const std::vector<Key> keys{
        {"localizer", [](const FrameHeader& f) -> std::optional<StackDistinction> {
             return f.isLocalizer() ? std::optional(StackDistinction{"localizer", "localizer", 1, false}) : std::nullopt;
         }},
        {"orientation", [](const FrameHeader& f) -> std::optional<StackDistinction> {
             const std::string o = orientationName(f.normal());
             return StackDistinction{"orientation", o, 0, false};
         }},
        {"image_type", [](const FrameHeader& f) -> std::optional<StackDistinction> {
             const std::string c = imageComponent(f);
             return StackDistinction{"image_type", lowercase(c), 0, false};
         }},
        {"echo_time", [numeric](const FrameHeader& f) -> std::optional<StackDistinction> {
             if (f.echoTime <= 0)
                 return std::nullopt;
             return numeric("echo_time", format("TE %.2f ms", f.echoTime), f.echoTime);
         }},
        {"b_value", [numeric](const FrameHeader& f) -> std::optional<StackDistinction> {
             if (!f.hasBValue)
                 return std::nullopt;
             return numeric("b_value", format("b %.0f", f.bValue), f.bValue);
         }},
        {"temporal_position", [numeric](const FrameHeader& f) -> std::optional<StackDistinction> {
             if (f.temporalPosition <= 0)
                 return std::nullopt;
             return numeric("temporal_position", format("time %.0f", f.temporalPosition), f.temporalPosition);
         }},
        {"trigger_time", [numeric](const FrameHeader& f) -> std::optional<StackDistinction> {
             if (!f.hasTriggerTime)
                 return std::nullopt;
             return numeric("trigger_time", format("trigger %.0f ms", f.triggerTime), f.triggerTime);
         }},
        {"acquisition_number", [numeric](const FrameHeader& f) -> std::optional<StackDistinction> {
             if (f.acquisitionNumber <= 0)
                 return std::nullopt;
             return numeric("acquisition_number", format("acq %.0f", f.acquisitionNumber), f.acquisitionNumber);
         }},
    };
    auto textOf = [](const std::optional<StackDistinction>& d) { return d ? d->text : std::string(); };
    for (const Key& key : keys) {
        std::set<std::string> values;
        for (const Stack& stack : stacks)
            values.insert(textOf(key.of(stack.slices.front())));
        if (values.size() < 2)
            continue;  // the same for every stack: it tells nothing apart
        for (Stack& stack : stacks)
            if (auto d = key.of(stack.slices.front()))
                stack.distinctions.push_back(*d);
    }
    // Stacks that still look alike: numbered in series order.
    std::map<std::string, int> seen;
    for (Stack& stack : stacks) {
        std::string signature;
        for (const auto& d : stack.distinctions)
            signature += d.text + "|";
        seen[signature]++;
    }
    std::map<std::string, int> counter;
    for (Stack& stack : stacks) {
        std::string signature;
        for (const auto& d : stack.distinctions)
            signature += d.text + "|";
        if (seen[signature] > 1) {
            const int part = ++counter[signature];
            stack.distinctions.push_back(StackDistinction{"part", format("part %.0f", part), double(part), true});
        }
        for (const auto& d : stack.distinctions)
            stack.label += (stack.label.empty() ? "" : ", ") + d.text;
    }
}

// Runs of equal steps between slices: "4.00 mm x 13, 1.10 mm x 1, 7.00 mm x 13".
std::vector<std::pair<double, int>> spacingRuns(const std::vector<double>& steps)
{
    std::vector<std::pair<double, int>> runs;
    for (double step : steps) {
        if (!runs.empty() && std::abs(step - runs.back().first) <= std::max(0.01 * runs.back().first, 0.02))
            ++runs.back().second;
        else
            runs.push_back({step, 1});
    }
    return runs;
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
        // Gaps: a step that is a whole multiple of the typical one (slices missing from a regular
        // run). Any other step means the protocol changes spacing (regimes), which is no gap.
        size_t gaps = 0;
        bool regular = true;
        std::vector<std::string> gapPlaces;
        for (size_t k = 0; k < steps.size(); ++k) {
            const double multiple = steps[k] / typical;
            const long whole = std::lround(multiple);
            if (std::abs(multiple - double(whole)) > 0.1 || whole < 1) {
                regular = false;
            } else if (whole >= 2) {
                gaps += size_t(whole - 1);
                gapPlaces.push_back(format("%.0f after image %.0f", double(whole - 1), double(k + 1)));
            }
        }
        if (regular && gaps) {
            stack.warnings.push_back(format("about %.0f missing slices (gaps over 1.5x the %.2f mm typical spacing)",
                                            double(gaps), typical));
            std::string where = "missing slices: ";
            for (size_t i = 0; i < gapPlaces.size() && i < 5; ++i)
                where += (i ? ", " : "") + gapPlaces[i];
            stack.warnings.push_back(where + (gapPlaces.size() > 5 ? ", ..." : ""));
        } else if (!regular) {
            std::string regimes = "spacing regimes: ";
            const auto runs = spacingRuns(steps);
            for (size_t i = 0; i < runs.size() && i < 6; ++i)
                regimes += (i ? ", " : "") + format("%.1f mm x %.0f", runs[i].first, double(runs[i].second));
            stack.warnings.push_back(regimes + (runs.size() > 6 ? ", ..." : ""));
        }
    }
}

StudyTree StackBuilder::build(std::vector<FrameHeader> frames, std::vector<FrameHeader> objects) const
{
    StudyTree tree = buildImages(std::move(frames));
    for (auto& seriesObjects : groupBy(std::move(objects), [](const FrameHeader& f) { return f.seriesUid; })) {
        const FrameHeader& first = seriesObjects.front();
        auto patient = std::find_if(tree.patients.begin(), tree.patients.end(), [&](const Patient& p) {
            return p.id == first.patientId && p.name == first.patientName;
        });
        if (patient == tree.patients.end()) {
            tree.patients.emplace_back();
            patient = std::prev(tree.patients.end());
            static_cast<PatientIdentity&>(*patient) = first.patient();
        }
        auto study = std::find_if(patient->studies.begin(), patient->studies.end(),
                                  [&](const Study& s) { return s.uid == first.studyUid; });
        if (study == patient->studies.end()) {
            patient->studies.emplace_back();
            study = std::prev(patient->studies.end());
            static_cast<StudyIdentity&>(*study) = first.study();
        }
        ObjectSeries series;
        static_cast<SeriesIdentity&>(series) = first.series();
        series.sopClassUid = first.sopClassUid;
        std::stable_sort(seriesObjects.begin(), seriesObjects.end(),
                         [](const FrameHeader& a, const FrameHeader& b) { return a.instanceNumber < b.instanceNumber; });
        series.instances = std::move(seriesObjects);
        study->objects.push_back(std::move(series));
    }
    for (Patient& patient : tree.patients)
        for (Study& study : patient.studies)
            std::stable_sort(study.objects.begin(), study.objects.end(),
                             [](const ObjectSeries& a, const ObjectSeries& b) { return a.number < b.number; });
    return tree;
}

namespace {

// The same instance in two files (the same SOP Instance UID and frame: a study imported twice,
// or a copy in another transfer syntax) is one image: the first file scanned is kept, as the
// cache keeps one file per instance. Returns how many repeats were dropped.
size_t dropRepeatedInstances(std::vector<FrameHeader>& frames)
{
    std::set<std::pair<std::string, int>> seen;
    const size_t before = frames.size();
    frames.erase(std::remove_if(frames.begin(), frames.end(),
                                [&](const FrameHeader& f) {
                                    return !f.sopInstanceUid.empty() && !seen.insert({f.sopInstanceUid, f.frameIndex}).second;
                                }),
                 frames.end());
    return before - frames.size();
}

} // namespace

StudyTree StackBuilder::buildImages(std::vector<FrameHeader> frames) const
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
                const size_t repeats = dropRepeatedInstances(seriesFrames);
                for (auto& stackFrames : groupBy(std::move(seriesFrames), stackKey)) {
                    for (auto& frames : splitRepeatedPositions(std::move(stackFrames))) {
                        Stack stack;
                        stack.slices = std::move(frames);
                        measure(stack);
                        if (repeats)
                            stack.warnings.push_back(format(repeats == 1 ? "%.0f file repeats an image of the series (same SOP Instance UID): the first file is used"
                                                                         : "%.0f files repeat images of the series (same SOP Instance UID): the first file is used",
                                                            double(repeats)));
                        series.stacks.push_back(std::move(stack));
                    }
                }
                // The biggest stack first: it is what a reader opens; localizers come last; among
                // equals, acquisition order (echo, b-value, time, instance number).
                std::stable_sort(series.stacks.begin(), series.stacks.end(), [](const Stack& a, const Stack& b) {
                    const FrameHeader& fa = a.slices.front();
                    const FrameHeader& fb = b.slices.front();
                    return std::make_tuple(fa.isLocalizer(), -a.geometry.slices, fa.echoTime, fa.bValue, fa.temporalPosition,
                                           fa.triggerTime, fa.acquisitionNumber, fa.instanceNumber)
                           < std::make_tuple(fb.isLocalizer(), -b.geometry.slices, fb.echoTime, fb.bValue, fb.temporalPosition,
                                             fb.triggerTime, fb.acquisitionNumber, fb.instanceNumber);
                });
                labelStacks(series.stacks);
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
