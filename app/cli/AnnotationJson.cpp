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
    if (m) {
        QJsonArray values;
        for (const auto& v : m->values) {
            QJsonObject value{{"name", q(v.name)}, {"value", v.value}, {"unit", q(v.unit)}};
            if (!v.calibration.empty())
                value["calibration"] = q(v.calibration);
            values.append(value);
        }
        o["values"] = values;
        o["calibration"] = calibrationName(m->calibration);
        o["summary"] = q(m->summary());
        if (!m->warning.empty())
            o["warning"] = q(m->warning);
        if (m->slice >= 0)
            o["slice"] = m->slice + 1;
    }
    return o;
}

} // namespace hf::cli
