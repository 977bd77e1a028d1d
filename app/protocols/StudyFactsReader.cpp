#include "StudyFactsReader.h"

#include "hf/annotations/CachedSeries.h"
#include "hf/annotations/StudyIndex.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/StackBuilder.h"

#include <algorithm>
#include <set>
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

// The study's stacks; priorsToo: also its prior (`priorUid` when the cache holds it, else the
// default one).
std::optional<StudyFacts> readStudy(CacheDatabase& db, StudyIndex& index, const std::string& studyUid, bool priorsToo,
                                    const std::string& priorUid = {})
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
    if (!priorUid.empty() && priorUid != studyUid)
        if (auto chosen = readStudy(db, index, priorUid, false); chosen && chosen->patient.id == facts.patient.id) {
            facts.priors.push_back(std::move(*chosen));
            return facts;
        }
    const std::vector<PriorStudy> priors = findPriors(db, studyUid);
    if (!priors.empty())
        if (auto prior = readStudy(db, index, priors.front().study.uid, false))
            facts.priors.push_back(std::move(*prior));
    return facts;
}

} // namespace

std::optional<StudyFacts> readStudyFacts(CacheDatabase& db, const std::string& studyUid, const std::string& priorUid)
{
    StudyIndex index(db);
    return readStudy(db, index, studyUid, true, priorUid);
}

std::string issuerOfPatientId(CacheDatabase& db, const std::string& studyUid)
{
    StudyIndex index(db);
    for (const SeriesRow& row : index.seriesOf(studyUid))
        for (const FrameHeader& frame : index.headersOf(row.uid).frames)
            if (!frame.issuerOfPatientId.empty())
                return frame.issuerOfPatientId;
    return {};
}

std::vector<PriorStudy> findPriors(CacheDatabase& db, const std::string& studyUid, const std::vector<RemoteStudy>& onNode)
{
    StudyIndex index(db);
    const auto current = readStudy(db, index, studyUid, false);
    if (!current)
        return {};
    std::set<std::string> modalities, bodyParts;
    for (const StackFacts& s : current->stacks) {
        if (!s.series.modality.empty())
            modalities.insert(s.series.modality);
        if (!s.bodyPart.empty())
            bodyParts.insert(s.bodyPart);
    }
    const std::string now = current->study.date + current->study.time;
    // Same modality, and the same body part where either side names one.
    const auto rank = [&](PriorStudy& p, const std::set<std::string>& theirModalities) {
        const bool sameModality = std::any_of(theirModalities.begin(), theirModalities.end(),
                                              [&](const std::string& m) { return modalities.count(m) > 0; });
        const bool sameBodyPart = std::any_of(p.bodyParts.begin(), p.bodyParts.end(), [&](const std::string& b) { return bodyParts.count(b) > 0; });
        // Without a body part on either side, the same modality is as close as it gets.
        const bool bodyPartsAgree = sameBodyPart || (bodyParts.empty() && p.bodyParts.empty());
        p.relevance = sameModality ? (bodyPartsAgree ? 2 : 1) : 0;
        p.why = p.relevance == 2 ? "same modality and body part" : p.relevance == 1 ? "same modality" : "another modality";
    };
    StudyFilter samePatient;
    samePatient.patient = current->patient.id;
    std::vector<PriorStudy> priors;
    for (const StudyRow& row : index.studies(samePatient)) {
        if (row.patient.id != current->patient.id || row.study.uid == studyUid || row.study.date + row.study.time >= now)
            continue;
        PriorStudy p{row.study, row.modalities, {}, row.imageCount, 0, {}};
        std::set<std::string> theirs;
        if (const auto facts = readStudy(db, index, row.study.uid, false))
            for (const StackFacts& s : facts->stacks) {
                theirs.insert(s.series.modality);
                if (!s.bodyPart.empty() && std::find(p.bodyParts.begin(), p.bodyParts.end(), s.bodyPart) == p.bodyParts.end())
                    p.bodyParts.push_back(s.bodyPart);
            }
        rank(p, theirs);
        priors.push_back(std::move(p));
    }
    for (const RemoteStudy& r : onNode) {
        if (r.patientId != current->patient.id || r.study.uid == studyUid || r.study.date + r.study.time >= now)
            continue;
        const auto cached = std::find_if(priors.begin(), priors.end(), [&](const PriorStudy& p) { return p.study.uid == r.study.uid; });
        if (cached != priors.end()) {
            cached->onNode = true;
            continue;
        }
        PriorStudy p{r.study, r.modalities, r.bodyParts, r.images, 0, {}, false, true};
        std::set<std::string> theirs;
        for (size_t from = 0; from <= r.modalities.size();) {
            const size_t to = std::min(r.modalities.find('\\', from), r.modalities.size());
            if (to > from)
                theirs.insert(r.modalities.substr(from, to - from));
            from = to + 1;
        }
        rank(p, theirs);
        priors.push_back(std::move(p));
    }
    std::stable_sort(priors.begin(), priors.end(), [](const PriorStudy& a, const PriorStudy& b) {
        if (a.relevance != b.relevance)
            return a.relevance > b.relevance;
        return a.study.date + a.study.time > b.study.date + b.study.time;
    });
    return priors;
}

} // namespace hf::protocols
