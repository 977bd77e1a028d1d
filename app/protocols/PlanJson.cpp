#include "PlanJson.h"

#include <QJsonArray>

#include <utility>

namespace hf::protocols {
namespace {

void putText(QJsonObject& o, const char* key, const QString& value)
{
    if (!value.isEmpty())
        o[key] = value;
}

void putWindow(QJsonObject& out, const ViewRule& rule)
{
    if (!rule.windowPreset.isEmpty())
        out["window"] = rule.windowPreset;
    else if (rule.windowCenter && rule.windowWidth)
        out["window"] = QJsonArray{*rule.windowCenter, *rule.windowWidth};
}

QJsonObject selectorToJson(const SeriesSelector& s)
{
    QJsonObject o;
    for (const auto& [key, value] : {std::pair{"modality", s.modality}, {"description", s.description}, {"stack", s.stackLabel},
                                     {"laterality", s.laterality}, {"view_position", s.viewPosition}, {"body_part", s.bodyPart},
                                     {"orientation", s.orientation}})
        putText(o, key, value);
    if (s.minImages > 0)
        o["min_images"] = s.minImages;
    if (s.contrast)
        o["contrast"] = *s.contrast;
    if (s.prior > 0)
        o["prior"] = s.prior;
    if (s.distinct)
        o["distinct"] = true;
    return o;
}

} // namespace

QJsonObject planToJson(const HangingPlan& plan)
{
    QJsonArray stages;
    for (const StagePlan& stage : plan.stages) {
        QJsonArray views;
        for (size_t i = 0; i < stage.views.size(); ++i) {
            const ViewAssignment& a = stage.views[i];
            QJsonObject v{{"index", int(i)}};
            if (a.empty) {
                v["series"] = QJsonValue::Null;
            } else {
                v["series"] = a.seriesUid;
                v["study"] = a.studyUid;
                v["description"] = a.seriesDescription;
                v["modality"] = a.modality;
                v["series_number"] = a.seriesNumber;
                v["stack"] = a.stackIndex + 1;
                v["stacks"] = a.stackCount;
                v["stack_label"] = a.stackLabel;
                v["prior"] = a.prior;
                v["flip_horizontal"] = a.flipHorizontal;
                if (!a.fuseSeriesUid.isEmpty())
                    v["fuse"] = QJsonObject{{"series", a.fuseSeriesUid}, {"colormap", a.rule.fuseColourTable}, {"opacity", a.rule.fuseOpacity}};
                if (a.rule.mip)
                    v["display"] = "mip";
            }
            putWindow(v, a.rule);
            if (a.rule.actualPixels)
                v["zoom"] = "actual";
            else
                v["zoom"] = a.rule.zoom.value_or(1.0);
            views.append(v);
        }
        QJsonObject s{{"name", stage.stage.name}, {"layout", stage.stage.layout}, {"views", views},
                      {"scroll_together", stage.stage.scrollTogether}, {"window_together", stage.stage.windowTogether},
                      {"zoom_together", stage.stage.zoomTogether}};
        if (!stage.stage.slabMode.isEmpty())
            s["slab"] = QJsonObject{{"mode", stage.stage.slabMode}, {"mm", stage.stage.slabMm}};
        stages.append(s);
    }
    return {{"protocol", plan.protocol}, {"file", plan.file}, {"score", plan.score},
            {"matched", QJsonArray::fromStringList(plan.reasons)}, {"stages", stages}};
}

namespace {

QJsonObject ruleToJson(const StudyRule& r)
{
    QJsonObject match;
    for (const auto& [key, value] : {std::pair{"modality", r.modality}, {"body_part", r.bodyPart}, {"study_description", r.studyDescription},
                                     {"series_description", r.seriesDescription}, {"orientation", r.orientation}})
        putText(match, key, value);
    if (r.minImages > 0)
        match["min_images"] = r.minImages;
    if (r.contrast)
        match["contrast"] = *r.contrast;
    if (r.priors)
        match["priors"] = *r.priors;
    return match;
}

} // namespace

QJsonObject protocolToJson(const HangingProtocol& p)
{
    QJsonArray match;
    for (const StudyRule& rule : p.match)
        match.append(ruleToJson(rule));
    QJsonArray stages;
    for (const ProtocolStage& stage : p.stages) {
        QJsonArray views;
        for (const ViewRule& rule : stage.views) {
            QJsonArray selectors;
            for (const SeriesSelector& s : rule.series)
                selectors.append(selectorToJson(s));
            QJsonObject v{{"series", selectors}};
            putWindow(v, rule);
            if (rule.actualPixels)
                v["zoom"] = "actual";
            else if (rule.zoom)
                v["zoom"] = *rule.zoom;
            if (!rule.chestWall.isEmpty())
                v["chest_wall"] = rule.chestWall;
            if (rule.flipHorizontal)
                v["flip_horizontal"] = true;
            if (!rule.fuse.empty()) {
                QJsonArray fused;
                for (const SeriesSelector& s : rule.fuse)
                    fused.append(selectorToJson(s));
                QJsonObject fuse{{"series", fused}, {"opacity", rule.fuseOpacity}};
                if (!rule.fuseColourTable.isEmpty())
                    fuse["colormap"] = rule.fuseColourTable;
                v["fuse"] = fuse;
            }
            if (rule.mip)
                v["display"] = "mip";
            views.append(v);
        }
        QJsonObject s{{"name", stage.name}, {"layout", stage.layout}, {"views", views}};
        if (!stage.scrollTogether)
            s["scroll_together"] = false;
        if (stage.windowTogether)
            s["window_together"] = true;
        if (stage.zoomTogether)
            s["zoom_together"] = true;
        if (stage.needsPrior)
            s["needs_prior"] = true;
        if (!stage.slabMode.isEmpty())
            s["slab"] = QJsonObject{{"mode", stage.slabMode}, {"mm", stage.slabMm}};
        stages.append(s);
    }
    QJsonObject out{{"name", p.name}, {"stages", stages}};
    if (match.size() == 1)
        out["match"] = match[0];
    else if (!match.isEmpty())
        out["match"] = match;
    if (p.priority != 0)
        out["priority"] = p.priority;
    if (p.fallback)
        out["fallback"] = true;
    return out;
}

} // namespace hf::protocols
