#include "ProtocolMatcher.h"

#include <QRegularExpression>

#include <algorithm>
#include <set>

namespace hf::protocols {
namespace {

bool matches(const QString& pattern, const std::string& value)
{
    return pattern.isEmpty() ||
           QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption).match(QString::fromStdString(value)).hasMatch();
}

bool selects(const SeriesSelector& s, const StackFacts& f)
{
    return matches(s.modality, f.series.modality) && matches(s.description, f.series.description) &&
           matches(s.stackLabel, f.stackLabel) && matches(s.laterality, f.laterality) &&
           matches(s.viewPosition, f.viewPosition) && matches(s.bodyPart, f.bodyPart) &&
           (s.orientation.isEmpty() || s.orientation.toStdString() == f.orientation) && f.images >= s.minImages &&
           (!s.contrast || *s.contrast == !f.contrastAgent.empty());
}

template <class Pred>
bool anyStack(const StudyFacts& study, Pred pred)
{
    return std::any_of(study.stacks.begin(), study.stacks.end(), pred);
}

} // namespace

namespace {

std::optional<int> ruleScore(const StudyRule& r, const StudyFacts& study, QStringList* reasons)
{
    int score = 0;
    const auto check = [&](bool set, bool holds, const QString& what) {
        if (!set)
            return true;
        if (!holds)
            return false;
        ++score;
        if (reasons)
            *reasons << what;
        return true;
    };
    const bool ok =
        check(!r.modality.isEmpty(), anyStack(study, [&](const StackFacts& f) { return matches(r.modality, f.series.modality); }),
              "modality " + r.modality) &&
        check(!r.bodyPart.isEmpty(), anyStack(study, [&](const StackFacts& f) { return !f.bodyPart.empty() && matches(r.bodyPart, f.bodyPart); }),
              "body part " + r.bodyPart) &&
        check(!r.studyDescription.isEmpty(), !study.study.description.empty() && matches(r.studyDescription, study.study.description),
              "study description " + r.studyDescription) &&
        check(!r.seriesDescription.isEmpty(),
              anyStack(study, [&](const StackFacts& f) { return !f.series.description.empty() && matches(r.seriesDescription, f.series.description); }),
              "series description " + r.seriesDescription) &&
        check(!r.orientation.isEmpty(), anyStack(study, [&](const StackFacts& f) { return r.orientation.toStdString() == f.orientation; }),
              "orientation " + r.orientation) &&
        check(r.minImages > 0, study.imageCount() >= r.minImages, QString("at least %1 images").arg(r.minImages)) &&
        check(r.contrast.has_value(), anyStack(study, [](const StackFacts& f) { return !f.contrastAgent.empty(); }) == r.contrast.value_or(false),
              r.contrast.value_or(false) ? "contrast" : "no contrast") &&
        check(r.priors.has_value(), !study.priors.empty() == r.priors.value_or(false), r.priors.value_or(false) ? "a prior" : "no prior");
    if (!ok)
        return std::nullopt;
    return score;
}

} // namespace

std::optional<int> matchScore(const HangingProtocol& protocol, const StudyFacts& study, QStringList* reasons)
{
    if (protocol.match.empty())
        return 0;
    std::optional<int> best;
    for (const StudyRule& rule : protocol.match) {
        QStringList why;
        const auto score = ruleScore(rule, study, &why);
        if (score && (!best || *score > *best)) {
            best = score;
            if (reasons)
                *reasons = why;
        }
    }
    return best;
}

const HangingProtocol& chooseProtocol(const ProtocolLibrary& library, const StudyFacts& study)
{
    const HangingProtocol* best = nullptr;
    int bestScore = 0;
    for (const auto& p : library.all()) {
        if (p.fallback)
            continue;
        const auto score = matchScore(p, study);
        if (!score || *score == 0)  // a protocol without rules is chosen by name only
            continue;
        if (!best || *score > bestScore || (*score == bestScore && p.priority > best->priority) ||
            (*score == bestScore && p.priority == best->priority && p.name < best->name)) {
            best = &p;
            bestScore = *score;
        }
    }
    return best ? *best : library.fallback();
}

HangingPlan hang(const HangingProtocol& protocol, const StudyFacts& study)
{
    HangingPlan plan;
    plan.protocol = protocol.name;
    plan.file = protocol.file;
    plan.score = matchScore(protocol, study, &plan.reasons).value_or(0);
    for (const ProtocolStage& stage : protocol.stages) {
        if (stage.needsPrior && study.priors.empty())
            continue;  // nothing to compare with
        StagePlan stagePlan;
        stagePlan.stage = stage;
        std::set<std::pair<std::string, int>> taken;  // (series, stack) an earlier view of the stage shows
        for (const ViewRule& rule : stage.views) {
            ViewAssignment a;
            a.rule = rule;
            for (const SeriesSelector& selector : rule.series) {
                const StudyFacts* source = selector.prior == 0                            ? &study
                                           : int(study.priors.size()) >= selector.prior ? &study.priors[size_t(selector.prior - 1)]
                                                                                        : nullptr;
                if (!source)
                    continue;
                const auto found = std::find_if(source->stacks.begin(), source->stacks.end(), [&](const StackFacts& f) {
                    return selects(selector, f) && !(selector.distinct && taken.count({f.series.uid, f.stackIndex}));
                });
                if (found == source->stacks.end())
                    continue;
                a.empty = false;
                a.studyUid = QString::fromStdString(source->study.uid);
                a.seriesUid = QString::fromStdString(found->series.uid);
                a.seriesDescription = QString::fromStdString(found->series.description);
                a.modality = QString::fromStdString(found->series.modality);
                a.seriesNumber = found->series.number;
                a.stackIndex = found->stackIndex;
                a.stackCount = found->stackCount;
                a.stackLabel = QString::fromStdString(found->stackLabel);
                a.prior = selector.prior;
                // Mirrored so the chest wall is where the protocol wants it (when the image says where it is).
                const QString side = QString::fromStdString(found->chestWallSide);
                a.flipHorizontal = rule.flipHorizontal != (!rule.chestWall.isEmpty() && !side.isEmpty() && side != rule.chestWall);
                taken.insert({found->series.uid, found->stackIndex});
                break;
            }
            // The series fused over it: of the same study as the view's, another series.
            const StudyFacts* fuseSource = a.prior == 0 ? &study : int(study.priors.size()) >= a.prior ? &study.priors[size_t(a.prior - 1)] : nullptr;
            for (const SeriesSelector& selector : rule.fuse) {
                if (a.empty || !fuseSource)
                    break;
                const auto found = std::find_if(fuseSource->stacks.begin(), fuseSource->stacks.end(), [&](const StackFacts& f) {
                    return selects(selector, f) && QString::fromStdString(f.series.uid) != a.seriesUid;
                });
                if (found != fuseSource->stacks.end()) {
                    a.fuseSeriesUid = QString::fromStdString(found->series.uid);
                    break;
                }
            }
            stagePlan.views.push_back(a);
        }
        plan.stages.push_back(std::move(stagePlan));
    }
    return plan;
}

} // namespace hf::protocols
