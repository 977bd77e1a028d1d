#include "StudyFactsReader.h"

#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/StackBuilder.h"

#include <algorithm>
#include <stdexcept>

namespace hf::protocols {
namespace {

StackFacts factsOf(const Series& series, size_t k)
{
    const Stack& stack = series.stacks[k];
    StackFacts f;
    f.series = series;
    f.stackIndex = int(k);
    f.stackCount = int(series.stacks.size());
    f.stackLabel = stack.label;
    f.images = int(stack.slices.size());
    if (!stack.slices.empty()) {
        const FrameHeader& h = stack.slices.front();
        f.bodyPart = h.bodyPart;
        f.contrastAgent = h.contrastAgent;
        f.laterality = h.laterality;
        f.viewPosition = h.viewPosition;
        if (h.hasPosition) {
            const Vec3 n = h.normal();
            f.orientation = planeName(n.x, n.y, n.z);
        } else {
            f.orientation = "projection";
            f.chestWallSide = chestWallSide(h.patientOrientation);
        }
    }
    return f;
}

// The study's stacks; priorsToo: also the patient's most recent earlier study.
std::optional<StudyFacts> readStudy(CacheDatabase& db, StudyIndex& index, const std::string& studyUid, bool priorsToo)
{
    const auto identity = index.studyIdentity(studyUid);
    if (!identity)
        return std::nullopt;
    StudyFacts facts;
    facts.patient = identity->first;
    facts.study = identity->second;
    for (const SeriesRow& row : index.seriesOf(studyUid)) {
        if (row.imageCount == 0)
            continue;  // SR, PR, KO, SEG...: nothing to hang
        ScanResult scan;
        try {
            scan = cachedScan(db, row.uid);
        } catch (const std::invalid_argument&) {
            continue;  // none of its files are left: nothing to hang
        }
        const StudyTree tree = StackBuilder().build(std::move(scan.frames));
        if (const auto where = findSeries(tree, row.uid))
            for (size_t k = 0; k < where->series->stacks.size(); ++k)
                facts.stacks.push_back(factsOf(*where->series, k));
    }
    std::stable_sort(facts.stacks.begin(), facts.stacks.end(),
                     [](const StackFacts& a, const StackFacts& b) { return a.series.number < b.series.number; });
    if (!priorsToo)
        return facts;
    StudyFilter samePatient;
    samePatient.patient = facts.patient.id;
    std::vector<StudyRow> earlier;
    for (const StudyRow& row : index.studies(samePatient))
        if (row.patient.id == facts.patient.id && row.study.uid != studyUid &&
            row.study.date + row.study.time < facts.study.date + facts.study.time)
            earlier.push_back(row);
    std::sort(earlier.begin(), earlier.end(), [](const StudyRow& a, const StudyRow& b) {
        return a.study.date + a.study.time > b.study.date + b.study.time;
    });
    if (!earlier.empty())
        if (auto prior = readStudy(db, index, earlier.front().study.uid, false))
            facts.priors.push_back(std::move(*prior));
    return facts;
}

} // namespace

std::optional<StudyFacts> readStudyFacts(CacheDatabase& db, const std::string& studyUid)
{
    StudyIndex index(db);
    return readStudy(db, index, studyUid, true);
}

} // namespace hf::protocols
