#include "StudyTreeJson.h"

#include "hf/dicomio/PetSuv.h"
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/SopClasses.h"

#include "hf/dicomio/VolumeLoader.h"
#include "hf/dicomio/VolumeStatistics.h"

#include <QJsonArray>

#include <set>

namespace hf::cli {
namespace {

QJsonArray array3(const Vec3& v) { return {v.x, v.y, v.z}; }
QString q(const std::string& s) { return QString::fromStdString(s); }

// A PET image's SUV: the factor from its values to SUVbw with what it came from, or the reason
// there is none (the values stay Bq/mL).
QJsonObject suvJson(const FrameHeader& h)
{
    const PetSuvTags& p = h.pet;
    const QJsonObject inputs{{"units", q(p.units)},
                             {"decay_correction", q(p.decayCorrection)},
                             {"corrected_image", q(p.correctedImage)},
                             {"weight_kg", p.patientWeightKg},
                             {"size_m", p.patientSizeM},
                             {"injected_dose_bq", p.injectedDoseBq},
                             {"half_life_s", p.halfLifeS},
                             {"injection_time", q(p.injectionDateTime.empty() ? p.injectionTime : p.injectionDateTime)},
                             {"series_time", q(p.seriesDate + p.seriesTime)},
                             {"acquisition_time", q(p.acquisitionDate + h.acquisitionTime)}};
    const SuvFactor f = suvFactor(h);
    if (!f.ok)
        return QJsonObject{{"kind", QJsonValue::Null}, {"reason", q(f.reason)}, {"fallback", "Bq/mL"}, {"inputs", inputs}};
    return QJsonObject{{"kind", q(f.kind)},
                       {"unit", q(f.unit)},
                       {"factor", f.factor},
                       {"calibration", q(f.calibration())},
                       {"decay_s", f.decaySeconds},
                       {"decayed_dose_bq", f.decayedDoseBq},
                       {"inputs", inputs}};
}

} // namespace

QJsonObject StudyTreeJson::describeStack(const Stack& stack, std::vector<FileError>& errors) const
{
    const StackGeometry& g = stack.geometry;
    const FrameHeader& first = stack.slices.front();
    QJsonObject s;
    s["rows"] = g.rows;
    s["columns"] = g.columns;
    s["slices"] = g.slices;
    s["frames_per_slice"] = 1;
    s["spacing"] = QJsonArray{g.columnSpacing, g.rowSpacing, g.sliceSpacing};
    s["origin"] = array3(g.origin);
    const Vec3 &i = g.rowDirection, &j = g.columnDirection, &k = g.normal;
    s["direction"] = QJsonArray{i.x, j.x, k.x, i.y, j.y, k.y, i.z, j.z, k.z};
    QJsonArray matrix;
    for (double m : g.ijkToLps())
        matrix.append(m);
    s["ijk_to_lps"] = matrix;
    std::set<std::string> syntaxes;
    for (const auto& f : stack.slices)
        syntaxes.insert(f.transferSyntax);
    QJsonArray ts;
    for (const auto& t : syntaxes)
        ts.append(q(t));
    s["transfer_syntaxes"] = ts;
    s["photometric"] = q(first.photometricName);
    s["bits_allocated"] = first.bitsAllocated;
    s["bits_stored"] = first.bitsStored;
    s["localizer"] = first.isLocalizer();
    QJsonArray warnings;
    for (const auto& w : stack.warnings)
        warnings.append(q(w));
    QJsonArray windows;
    for (const auto& w : first.windows)
        windows.append(QJsonObject{{"center", w.center}, {"width", w.width}, {"name", q(w.name)}});
    s["windows"] = windows;
    if (first.pet.present())
        s["suv"] = suvJson(first);
    if (m_withStatistics) {
        const LoadResult loaded = VolumeLoader().load(stack);
        errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
        if (loaded.volume) {
            const VolumeStatistics st = computeStatistics(*loaded.volume);
            s["stats"] = QJsonObject{{"min", st.min}, {"max", st.max}, {"mean", st.mean}};
            if (!loaded.volume->valueUnits.empty())
                s["value_units"] = q(loaded.volume->valueUnits);
            if (const SuvFactor& f = loaded.volume->suv; loaded.volume->petValues && f.ok)  // the loader computed it
                s["suv_stats"] = QJsonObject{{"max", st.max * f.factor}, {"mean", st.mean * f.factor}, {"kind", q(f.kind)}};
            s["voxel_type"] = voxelTypeName(loaded.volume->type());
        }
        if (!loaded.errors.empty())
            warnings.append(QString("%1 files failed to decode").arg(loaded.errors.size()));
    }
    s["warnings"] = warnings;
    // What tells this stack apart from the others of its series (none for a single stack).
    s["split"] = q(stack.label);
    QJsonObject keys;
    for (const StackDistinction& d : stack.distinctions)
        keys[q(d.key)] = d.numeric ? QJsonValue(d.number) : QJsonValue(q(d.text));
    s["keys"] = keys;
    s["frame_of_reference"] = stack.slices.empty() ? QString() : q(stack.slices.front().frameOfReferenceUid);
    return s;
}

QJsonObject StudyTreeJson::describe(const StudyTree& tree, size_t filesSeen, std::vector<FileError>& errors) const
{
    QJsonArray patients;
    for (const auto& p : tree.patients) {
        QJsonArray studies;
        for (const auto& st : p.studies) {
            QJsonArray series;
            for (const auto& se : st.series) {
                QJsonArray stacks;
                for (const auto& stack : se.stacks)
                    stacks.append(describeStack(stack, errors));
                series.append(QJsonObject{{"uid", q(se.uid)}, {"modality", q(se.modality)}, {"number", se.number},
                                          {"description", q(se.description)}, {"stacks_total", qint64(se.stacks.size())},
                                          {"time_series", isTimeSeries(se)}, {"stacks", stacks}});
            }
            QJsonArray objects;
            for (const ObjectSeries& o : st.objects) {
                const SopClassInfo sopClass = sopClassInfo(o.sopClassUid);
                objects.append(QJsonObject{{"uid", q(o.uid)}, {"modality", q(o.modality)}, {"number", o.number},
                                           {"description", q(o.description)}, {"sop_class", q(o.sopClassUid)},
                                           {"sop_class_name", q(sopClass.name)}, {"kind", q(sopClass.kind)},
                                           {"instances", qint64(o.instances.size())}});
            }
            studies.append(QJsonObject{{"uid", q(st.uid)}, {"date", q(st.date)}, {"description", q(st.description)},
                                       {"accession", q(st.accessionNumber)}, {"series", series}, {"objects", objects}});
        }
        patients.append(QJsonObject{{"name", q(p.name)}, {"id", q(p.id)}, {"birth_date", q(p.birthDate)},
                                    {"sex", q(p.sex)}, {"studies", studies}});
    }
    QJsonArray errorArray;
    for (const auto& e : errors)
        errorArray.append(QJsonObject{{"file", q(e.file)}, {"reason", q(e.reason)}});
    return {{"files", qint64(filesSeen)}, {"errors", errorArray}, {"patients", patients}};
}

QString StudyTreeJson::asText(const QJsonObject& report)
{
    QString out = QString("%1 files\n").arg(report["files"].toInt());
    for (const auto& pv : report["patients"].toArray()) {
        const QJsonObject p = pv.toObject();
        out += QString("patient %1 (%2)\n").arg(p["name"].toString(), p["id"].toString());
        for (const auto& stv : p["studies"].toArray()) {
            const QJsonObject st = stv.toObject();
            out += QString("  study %1 %2 %3\n").arg(st["date"].toString(), st["description"].toString(), st["uid"].toString());
            for (const auto& sev : st["series"].toArray()) {
                const QJsonObject se = sev.toObject();
                out += QString("    series %1 %2 %3 %4\n")
                           .arg(se["number"].toInt())
                           .arg(se["modality"].toString(), se["description"].toString(), se["uid"].toString());
                for (const auto& skv : se["stacks"].toArray()) {
                    const QJsonObject sk = skv.toObject();
                    const QJsonArray sp = sk["spacing"].toArray();
                    const QJsonObject stats = sk["stats"].toObject();
                    out += QString("      stack %1x%2x%3 spacing %4,%5,%6 mm %7 min %8 max %9 mean %10%11\n")
                               .arg(sk["columns"].toInt()).arg(sk["rows"].toInt()).arg(sk["slices"].toInt())
                               .arg(sp[0].toDouble()).arg(sp[1].toDouble()).arg(sp[2].toDouble())
                               .arg(sk["photometric"].toString())
                               .arg(stats["min"].toDouble()).arg(stats["max"].toDouble()).arg(stats["mean"].toDouble())
                               .arg(sk["split"].toString().isEmpty() ? QString() : " [" + sk["split"].toString() + "]");
                    for (const auto& w : sk["warnings"].toArray())
                        out += "        warning: " + w.toString() + "\n";
                }
            }
            for (const auto& ov : st["objects"].toArray()) {
                const QJsonObject o = ov.toObject();
                out += QString("    objects %1 %2 %3 %4: %5 x %6\n")
                           .arg(o["number"].toInt())
                           .arg(o["modality"].toString(), o["description"].toString(), o["uid"].toString())
                           .arg(o["instances"].toInt())
                           .arg(o["sop_class_name"].toString());
            }
        }
    }
    for (const auto& ev : report["errors"].toArray())
        out += QString("error: %1: %2\n").arg(ev.toObject()["file"].toString(), ev.toObject()["reason"].toString());
    return out;
}

} // namespace hf::cli
