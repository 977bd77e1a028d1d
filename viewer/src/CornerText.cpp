#include "hf/viewer/CornerText.h"

#include "hf/viewer/ValueText.h"

#include "hf/dicomio/Volume.h"
#include "hf/rendering/SliceOverlay.h"
#include "hf/rendering/SliceScene.h"

#include <QDate>
#include <QTime>

#include <algorithm>
#include <cmath>

namespace hf {
namespace {

std::string text(const QString& s) { return s.toStdString(); }

QString displayDate(const QString& yyyymmdd)
{
    const QDate d = QDate::fromString(yyyymmdd, "yyyyMMdd");
    return d.isValid() ? d.toString("yyyy-MM-dd") : yyyymmdd;
}

QString displayTime(const QString& hhmmss)
{
    const QTime t = QTime::fromString(hhmmss.left(6), "HHmmss");
    return t.isValid() ? t.toString("HH:mm") : QString();
}

} // namespace

QString ageAtStudy(const QString& birthDate, const QString& studyDate)
{
    const QDate birth = QDate::fromString(birthDate, "yyyyMMdd"), study = QDate::fromString(studyDate, "yyyyMMdd");
    if (!birth.isValid() || !study.isValid() || study < birth)
        return {};
    int years = study.year() - birth.year();
    if (study.month() < birth.month() || (study.month() == birth.month() && study.day() < birth.day()))
        --years;
    if (years >= 2)
        return QString("%1Y").arg(years, 3, 10, QChar('0'));
    const int months = (study.year() - birth.year()) * 12 + study.month() - birth.month() - (study.day() < birth.day() ? 1 : 0);
    if (months >= 1)
        return QString("%1M").arg(months, 3, 10, QChar('0'));
    return QString("%1D").arg(birth.daysTo(study), 3, 10, QChar('0'));
}

std::array<std::vector<std::string>, 4> composeCornerText(const SeriesContext& s, const StackPosition& stack, const SliceScene& scene)
{
    const auto q = [](const std::string& value) { return QString::fromStdString(value); };
    std::array<std::vector<std::string>, 4> corners;
    auto& topLeft = corners[SliceOverlay::TopLeft];
    topLeft.push_back(displayName(s.patient));
    topLeft.push_back(s.patient.id);
    const QString age = ageAtStudy(q(s.patient.birthDate), q(s.study.date));
    const QString ageSex = (age + " " + q(s.patient.sex)).trimmed();
    if (!ageSex.isEmpty())
        topLeft.push_back(text(ageSex));
    if (!s.patient.birthDate.empty())
        topLeft.push_back(text("Born " + displayDate(q(s.patient.birthDate))));

    auto& topRight = corners[SliceOverlay::TopRight];
    topRight.push_back(text((displayDate(q(s.study.date)) + " " + displayTime(q(s.study.time))).trimmed()));
    if (!s.study.description.empty())
        topRight.push_back(s.study.description);
    topRight.push_back(text(QString("Se %1 %2").arg(s.series.number).arg(q(s.series.description)).trimmed()));
    if (!s.series.modality.empty())
        topRight.push_back(s.series.modality);
    // A part of a series is never shown as if it were all of it.
    if (stack.count > 1)
        topRight.push_back(describeStack(stack));

    const Volume* volume = scene.volume();
    if (!volume)
        return corners;
    auto& bottomLeft = corners[SliceOverlay::BottomLeft];
    bottomLeft.push_back(text(QString("Im %1/%2").arg(scene.slice() + 1).arg(scene.sliceCount())));
    // Slice location: the position along the slice normal, as scanners write (0020,1041).
    const SlicePlane plane = scene.plane();
    if (volume->hasPatientGeometry)
        bottomLeft.push_back(text(QString("Loc %1 mm").arg(plane.origin.dot(plane.normal), 0, 'f', 1)));
    const bool usCalibrated = std::any_of(volume->ultrasoundRegions.begin(), volume->ultrasoundRegions.end(),
                                          [](const UltrasoundRegion& r) { return r.calibrated(); });
    if (usCalibrated)
        bottomLeft.push_back(text(QString("Calibrated by %1 US regions").arg(volume->ultrasoundRegions.size())));
    else if (!volume->hasPixelSpacing)
        bottomLeft.push_back("No pixel spacing: no scale");
    if (volume->sliceThickness > 0)
        bottomLeft.push_back(text(QString("Thk %1 mm").arg(volume->sliceThickness, 0, 'f', 1)));

    auto& bottomRight = corners[SliceOverlay::BottomRight];
    if (const QString pet = petUnitLine(*volume); !pet.isEmpty())
        bottomRight.push_back(text(pet));  // SUVbw, or why the values stay Bq/mL
    if (scene.windowsColour())
        bottomRight.push_back(text(QString("RGB W %1 L %2").arg(scene.windowWidth(), 0, 'f', 0).arg(scene.windowCenter(), 0, 'f', 0)));
    else if (scene.isColour())
        bottomRight.push_back("RGB");
    else if (scene.usingVoiLut())
        bottomRight.push_back("VOI LUT");
    else
        bottomRight.push_back(text(QString("W %1 L %2").arg(scene.windowWidth(), 0, 'f', 0).arg(scene.windowCenter(), 0, 'f', 0)));
    // Magnification against one image pixel per screen pixel, the figure radiologists compare.
    const StackGeometry& g = volume->geometry();
    const double mm = scene.millimetresPerPixel();
    if (mm > 0)
        bottomRight.push_back(text(QString("Zoom %1x").arg(std::min(g.columnSpacing, g.rowSpacing) / mm, 0, 'f', 2)));
    if (scene.viewState().inverted())
        bottomRight.push_back("Inverted");
    return corners;
}

} // namespace hf
