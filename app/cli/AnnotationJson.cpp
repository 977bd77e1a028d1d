#include "AnnotationJson.h"

#include "hf/annotations/Annotation.h"
#include "hf/annotations/Measurement.h"

#include <QJsonArray>

namespace hf::cli {

QJsonObject annotationJson(const Annotation& a, const Measurement* m)
{
    auto q = [](const std::string& s) { return QString::fromStdString(s); };
    QJsonArray points;
    for (const Vec3& p : a.points)
        points.append(QJsonArray{p.x, p.y, p.z});
    QJsonObject o{{"id", q(a.id)},
                  {"revision", a.revision},
                  {"kind", annotationKindName(a.kind)},
                  {"study", q(a.studyUid)},
                  {"series", q(a.seriesUid)},
                  {"sop_instance_uid", q(a.sopInstanceUid)},
                  {"frame", a.frame},
                  {"points", points},
                  {"label", q(a.label)},
                  {"author", q(a.author)},
                  {"created", q(a.created)},
                  {"modified", q(a.modified)},
                  {"deleted", a.deleted},
                  {"sync_state", q(a.syncState)}};
    if (a.plane) {
        auto array = [](const Vec3& v) { return QJsonArray{v.x, v.y, v.z}; };
        QJsonObject plane{{"origin", array(a.plane->origin)}, {"row", array(a.plane->row)}, {"column", array(a.plane->column)}};
        if (a.plane->slab()) {
            plane["slab_mode"] = q(a.plane->slabMode);
            plane["slab_thickness"] = a.plane->slabThickness;
        }
        o["plane"] = plane;
    }
    if (m) {
        QJsonArray values;
        for (const auto& v : m->values) {
            QJsonObject value{{"name", q(v.name)}, {"value", v.value}, {"unit", q(v.unit)}};
            if (!v.calibration.empty())
                value["calibration"] = q(v.calibration);
            values.append(value);
        }
        o["values"] = values;
        o["calibration"] = q(m->calibrationText());
        o["summary"] = q(m->summary());
        if (!m->warning.empty())
            o["warning"] = q(m->warning);
        if (m->slice >= 0)
            o["slice"] = m->slice + 1;
    }
    return o;
}

} // namespace hf::cli
