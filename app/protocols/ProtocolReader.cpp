#include "ProtocolReader.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <stdexcept>

namespace hf::protocols {
namespace {

// Thrown with the field's path; read() adds the file.
struct FieldError : std::runtime_error {
    FieldError(const QString& field, const QString& reason) : std::runtime_error((field + ": " + reason).toStdString()) {}
};

class Fields {
public:
    Fields(const QJsonValue& value, QString path, const QStringList& allowed) : m_path(std::move(path))
    {
        if (!value.isObject())
            throw FieldError(m_path.isEmpty() ? "(top level)" : m_path, "expected an object");
        m_object = value.toObject();
        for (const QString& key : m_object.keys())
            if (!allowed.contains(key))
                throw FieldError(at(key), "unknown field (expected one of " + allowed.join(", ") + ")");
    }
    QString at(const QString& key) const { return m_path.isEmpty() ? key : m_path + "." + key; }
    bool has(const QString& key) const { return m_object.contains(key); }
    QJsonValue value(const QString& key) const { return m_object.value(key); }

    QString text(const QString& key, const QString& otherwise = {}) const
    {
        if (!has(key))
            return otherwise;
        if (!value(key).isString())
            throw FieldError(at(key), "expected a string");
        return value(key).toString();
    }
    QString pattern(const QString& key) const
    {
        const QString p = text(key);
        const QRegularExpression re(p);
        if (!re.isValid())
            throw FieldError(at(key), "invalid regular expression '" + p + "': " + re.errorString());
        return p;
    }
    QString orientation(const QString& key) const
    {
        const QString o = text(key);
        if (!o.isEmpty() && !QStringList{"axial", "coronal", "sagittal", "oblique", "projection"}.contains(o))
            throw FieldError(at(key), "'" + o + "' is not axial, coronal, sagittal, oblique or projection");
        return o;
    }
    double number(const QString& key, double otherwise = 0) const
    {
        if (!has(key))
            return otherwise;
        if (!value(key).isDouble())
            throw FieldError(at(key), "expected a number");
        return value(key).toDouble();
    }
    int count(const QString& key) const
    {
        const double n = number(key);
        if (n < 0 || n != int(n))
            throw FieldError(at(key), "expected a whole number from 0");
        return int(n);
    }
    std::optional<bool> flag(const QString& key) const
    {
        if (!has(key))
            return std::nullopt;
        if (!value(key).isBool())
            throw FieldError(at(key), "expected true or false");
        return value(key).toBool();
    }
    QJsonArray array(const QString& key) const
    {
        if (!value(key).isArray())
            throw FieldError(at(key), has(key) ? "expected an array" : "missing");
        return value(key).toArray();
    }

private:
    QJsonObject m_object;
    QString m_path;
};

SeriesSelector readSelector(const QJsonValue& value, const QString& path)
{
    const Fields f(value, path, {"modality", "description", "stack", "laterality", "view_position", "body_part", "orientation",
                                 "min_images", "contrast", "prior", "distinct"});
    SeriesSelector s;
    s.modality = f.pattern("modality");
    s.description = f.pattern("description");
    s.stackLabel = f.pattern("stack");
    s.laterality = f.pattern("laterality");
    s.viewPosition = f.pattern("view_position");
    s.bodyPart = f.pattern("body_part");
    s.orientation = f.orientation("orientation");
    s.minImages = f.count("min_images");
    s.contrast = f.flag("contrast");
    s.prior = f.count("prior");
    s.distinct = f.flag("distinct").value_or(false);
    return s;
}

ViewRule readView(const QJsonValue& value, const QString& path, const QStringList& presets)
{
    const Fields f(value, path, {"series", "window", "zoom", "chest_wall", "flip_horizontal", "fuse", "display"});
    ViewRule v;
    // One selector, or fallbacks in order.
    const QJsonValue series = f.value("series");
    if (series.isArray()) {
        const QJsonArray list = series.toArray();
        for (int i = 0; i < list.size(); ++i)
            v.series.push_back(readSelector(list[i], f.at("series") + QString("[%1]").arg(i)));
    } else {
        v.series.push_back(readSelector(f.has("series") ? series : QJsonObject{}, f.at("series")));
    }
    const QJsonValue window = f.value("window");
    if (window.isString()) {
        v.windowPreset = window.toString();
        if (!presets.isEmpty() && !presets.contains(v.windowPreset, Qt::CaseInsensitive))
            throw FieldError(f.at("window"), "no window preset '" + v.windowPreset + "' (presets: " + presets.join(", ") + ")");
    } else if (window.isArray() && window.toArray().size() == 2 && window[0].isDouble() && window[1].isDouble() &&
               window[1].toDouble() > 0) {
        v.windowCenter = window[0].toDouble();
        v.windowWidth = window[1].toDouble();
    } else if (!window.isUndefined()) {
        throw FieldError(f.at("window"), "expected a preset name or [center, width] with a positive width");
    }
    const QJsonValue zoom = f.value("zoom");
    if (zoom.isString() && (zoom.toString() == "fit" || zoom.toString() == "actual")) {
        v.actualPixels = zoom.toString() == "actual";
    } else if (zoom.isDouble() && zoom.toDouble() > 0 && zoom.toDouble() <= 64) {
        v.zoom = zoom.toDouble();
    } else if (!zoom.isUndefined()) {
        throw FieldError(f.at("zoom"), "expected \"fit\", \"actual\" or a factor between 0 and 64");
    }
    v.chestWall = f.text("chest_wall");
    if (!v.chestWall.isEmpty() && v.chestWall != "left" && v.chestWall != "right")
        throw FieldError(f.at("chest_wall"), "expected \"left\" or \"right\"");
    v.flipHorizontal = f.flag("flip_horizontal").value_or(false);
    if (f.has("fuse")) {
        const Fields fuse(f.value("fuse"), f.at("fuse"), {"series", "colormap", "opacity"});
        const QJsonValue selectors = fuse.value("series");
        const QJsonArray list = selectors.isArray() ? selectors.toArray() : QJsonArray{selectors};
        for (int i = 0; i < list.size(); ++i)
            v.fuse.push_back(readSelector(list[i], fuse.at("series") + QString("[%1]").arg(i)));
        v.fuseColourTable = fuse.text("colormap");
        const QJsonValue opacity = fuse.value("opacity");
        if (opacity.isDouble() && opacity.toDouble() >= 0 && opacity.toDouble() <= 1)
            v.fuseOpacity = opacity.toDouble();
        else if (!opacity.isUndefined())
            throw FieldError(fuse.at("opacity"), "expected a number from 0 to 1");
    }
    const QString display = f.text("display");
    if (!display.isEmpty() && display != "mip" && display != "slices")
        throw FieldError(f.at("display"), "expected \"slices\" or \"mip\"");
    v.mip = display == "mip";
    return v;
}

ProtocolStage readStage(const QJsonValue& value, const QString& path, const QStringList& presets)
{
    const Fields f(value, path, {"name", "layout", "views", "scroll_together", "window_together", "zoom_together", "slab", "needs_prior"});
    ProtocolStage s;
    s.name = f.text("name");
    s.layout = f.text("layout", "1x1");
    if (!ProtocolReader::layouts().contains(s.layout))
        throw FieldError(f.at("layout"), "'" + s.layout + "' is not one of " + ProtocolReader::layouts().join(", "));
    const QJsonArray views = f.array("views");
    for (int i = 0; i < views.size(); ++i)
        s.views.push_back(readView(views[i], f.at("views") + QString("[%1]").arg(i), presets));
    const int room = s.layout.contains('x') ? s.layout[0].digitValue() * s.layout[2].digitValue() : 1;
    if (int(s.views.size()) > room)
        throw FieldError(f.at("views"), QString("%1 views do not fit layout %2 (%3 at most)").arg(s.views.size()).arg(s.layout).arg(room));
    s.scrollTogether = f.flag("scroll_together").value_or(true);
    s.windowTogether = f.flag("window_together").value_or(false);
    s.zoomTogether = f.flag("zoom_together").value_or(false);
    s.needsPrior = f.flag("needs_prior").value_or(false);
    if (f.has("slab")) {
        const Fields slab(f.value("slab"), f.at("slab"), {"mode", "mm"});
        s.slabMode = slab.text("mode");
        s.slabMm = slab.number("mm");
        if (!QStringList{"mip", "minip", "average"}.contains(s.slabMode) || s.slabMm <= 0)
            throw FieldError(f.at("slab"), "expected {\"mode\": \"mip\"|\"minip\"|\"average\", \"mm\": a positive thickness}");
        if (!s.layout.startsWith("mpr"))
            throw FieldError(f.at("slab"), "a slab needs layout mpr or mpr3d");
    }
    return s;
}

StudyRule readRule(const QJsonValue& value, const QString& path)
{
    const Fields f(value, path, {"modality", "body_part", "study_description", "series_description",
                                                    "orientation", "min_images", "contrast", "priors"});
    StudyRule r;
    r.modality = f.pattern("modality");
    r.bodyPart = f.pattern("body_part");
    r.studyDescription = f.pattern("study_description");
    r.seriesDescription = f.pattern("series_description");
    r.orientation = f.orientation("orientation");
    r.minImages = f.count("min_images");
    r.contrast = f.flag("contrast");
    r.priors = f.flag("priors");
    return r;
}

std::vector<StudyRule> readMatch(const Fields& parent)
{
    std::vector<StudyRule> rules;
    const QJsonValue match = parent.value("match");
    if (match.isArray())
        for (int i = 0; i < match.toArray().size(); ++i)
            rules.push_back(readRule(match.toArray()[i], QString("match[%1]").arg(i)));
    else if (!match.isUndefined())
        rules.push_back(readRule(match, "match"));
    return rules;
}

} // namespace

ProtocolReader::ProtocolReader(QStringList knownPresets) : m_presets(std::move(knownPresets)) {}

const QStringList& ProtocolReader::layouts()
{
    static const QStringList names{"1x1", "1x2", "2x1", "2x2", "3x3", "2d3d", "3d", "mpr", "mpr3d"};
    return names;
}

std::optional<HangingProtocol> ProtocolReader::read(const QString& file, QString& error) const
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        error = file + ": cannot read: " + in.errorString();
        return std::nullopt;
    }
    if (in.size() > 1024 * 1024) {  // a protocol is a few kilobytes
        error = file + ": too large for a hanging protocol (" + QString::number(in.size()) + " bytes)";
        return std::nullopt;
    }
    return parse(in.readAll(), file, error);
}

std::optional<HangingProtocol> ProtocolReader::parse(const QByteArray& json, const QString& file, QString& error) const
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = QString("%1: not JSON at byte %2: %3").arg(file).arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    try {
        if (!doc.isObject())
            throw FieldError("(top level)", "expected an object");
        const Fields f(doc.object(), {}, {"name", "comment", "priority", "fallback", "match", "stages"});
        HangingProtocol p;
        p.file = file;
        p.name = f.text("name");
        if (p.name.trimmed().isEmpty())
            throw FieldError("name", "missing or empty");
        p.priority = int(f.number("priority"));
        p.fallback = f.flag("fallback").value_or(false);
        p.match = readMatch(f);
        const QJsonArray stages = f.array("stages");
        if (stages.isEmpty())
            throw FieldError("stages", "a protocol needs at least one stage");
        for (int i = 0; i < stages.size(); ++i)
            p.stages.push_back(readStage(stages[i], QString("stages[%1]").arg(i), m_presets));
        if (std::all_of(p.stages.begin(), p.stages.end(), [](const ProtocolStage& s) { return s.needsPrior; }))
            throw FieldError("stages", "every stage needs a prior: a study without one would hang nothing");
        return p;
    } catch (const FieldError& e) {
        error = QFileInfo(file).fileName() + ": " + QString::fromStdString(e.what()) + " (" + file + ")";
        return std::nullopt;
    }
}

} // namespace hf::protocols
