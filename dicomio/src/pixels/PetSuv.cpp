#include "hf/dicomio/PetSuv.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace hf {
namespace {

// Seconds since 0000-01-01 of a DICOM date (YYYYMMDD) and time (HHMMSS.FFFFFF, parts optional);
// nothing when either is malformed.
std::optional<double> secondsOf(const std::string& date, const std::string& time)
{
    if (date.size() < 8 || time.size() < 2)
        return std::nullopt;
    for (size_t i = 0; i < 8; ++i)
        if (!std::isdigit(static_cast<unsigned char>(date[i])))
            return std::nullopt;
    const int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(4, 2)), d = std::stoi(date.substr(6, 2));
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return std::nullopt;
    std::string t = time;
    if (t.find(':') != std::string::npos)  // ACR-NEMA HH:MM:SS
        t.erase(std::remove(t.begin(), t.end(), ':'), t.end());
    for (size_t i = 0; i < t.size() && i < 6; ++i)
        if (!std::isdigit(static_cast<unsigned char>(t[i])))
            return std::nullopt;
    const int hh = std::stoi(t.substr(0, 2));
    const int mm = t.size() >= 4 ? std::stoi(t.substr(2, 2)) : 0;
    const double ss = t.size() >= 6 ? std::atof(t.substr(4).c_str()) : 0;
    if (hh > 23 || mm > 59 || ss >= 61)
        return std::nullopt;
    // Days from the civil date (proleptic Gregorian), then seconds.
    const int yy = y - (m <= 2);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const int yoe = yy - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const double days = double(era) * 146097 + doe;
    return days * 86400 + hh * 3600 + mm * 60 + ss;
}

SuvFactor failed(std::string reason)
{
    SuvFactor f;
    f.reason = std::move(reason);
    return f;
}

} // namespace

SuvFactor suvFactor(const FrameHeader& h, SuvKind kind)
{
    const PetSuvTags& p = h.pet;
    if (!p.present())
        return failed("not a PET image with Units (0054,1001)");
    SuvFactor f;
    f.kind = kind == SuvKind::BodyWeight ? "SUVbw" : kind == SuvKind::LeanBodyMass ? "SUVlbm" : "SUVbsa";
    f.unit = kind == SuvKind::BodySurfaceArea ? "cm2/ml" : "g/ml";
    if (p.units == "GML") {  // already SUVbw
        if (kind != SuvKind::BodyWeight)
            return failed("Units (0054,1001) GML is SUVbw already: " + f.kind + " needs Bq/mL");
        f.ok = true;
        f.factor = 1;
        return f;
    }
    if (p.units == "CNTS" && p.philipsSuvFactor > 0 && kind == SuvKind::BodyWeight) {
        f.ok = true;  // Philips says it outright
        f.factor = p.philipsSuvFactor;
        return f;
    }
    // Bq/mL per image unit: 1 for BQML, Philips' activity scale for CNTS.
    double toBqml = 1;
    if (p.units == "CNTS") {
        if (p.philipsActivityScale <= 0)
            return failed("Units (0054,1001) CNTS without Philips' SUV Scale Factor (7053,1000) or Activity Concentration Scale Factor (7053,1009)");
        toBqml = p.philipsActivityScale;
    } else if (p.units != "BQML") {
        return failed("Units (0054,1001) " + p.units + " cannot be turned into SUV");
    }
    if (p.correctedImage.find("ATTN") == std::string::npos)
        return failed("Corrected Image (0028,0051) does not say ATTN: not attenuation corrected");
    if (p.decayCorrection != "NONE" && p.correctedImage.find("DECY") == std::string::npos)
        return failed("Corrected Image (0028,0051) does not say DECY though Decay Correction (0054,1102) is " + p.decayCorrection);
    if (p.patientWeightKg <= 0)
        return failed("Patient's Weight (0010,1030) missing or zero");
    if (p.injectedDoseBq <= 0)
        return failed("Radionuclide Total Dose (0018,1074) missing or zero");
    if (p.halfLifeS <= 0)
        return failed("Radionuclide Half Life (0018,1075) missing or zero");
    // The time the image's activity refers to.
    std::optional<double> reference;
    if (p.decayCorrection == "START") {
        const auto series = secondsOf(p.seriesDate, p.seriesTime), acquisition = secondsOf(p.acquisitionDate, h.acquisitionTime);
        if (!series)
            return failed("Series Date/Time (0008,0021/0031) missing or malformed");
        // A series re-saved after the scan has its time after the acquisition: then the scan
        // started at the acquisition time (QIBA: Series Date/Time is the reference otherwise).
        reference = acquisition && *series > *acquisition ? *acquisition : *series;
    } else if (p.decayCorrection == "NONE") {
        reference = secondsOf(p.acquisitionDate.empty() ? p.seriesDate : p.acquisitionDate, h.acquisitionTime);
        if (!reference)
            return failed("Acquisition Date/Time (0008,0022/0032) missing or malformed (Decay Correction NONE)");
    } else if (p.decayCorrection != "ADMIN") {
        return failed("Decay Correction (0054,1102) '" + p.decayCorrection + "' is not START, ADMIN or NONE");
    }
    std::optional<double> injection;
    if (!p.injectionDateTime.empty() && p.injectionDateTime.size() >= 10)
        injection = secondsOf(p.injectionDateTime.substr(0, 8), p.injectionDateTime.substr(8));
    else
        injection = secondsOf(p.seriesDate, p.injectionTime);  // injected on the day of the series
    if (!injection && p.decayCorrection != "ADMIN")
        return failed("Radiopharmaceutical Start Time (0018,1072) / DateTime (0018,1078) missing or malformed");
    f.decaySeconds = reference && injection ? *reference - *injection : 0;
    if (f.decaySeconds < 0)
        return failed("Radiopharmaceutical Start Time (0018,1072) is after the scan (" + std::to_string(-f.decaySeconds) + " s)");
    f.decayedDoseBq = p.injectedDoseBq * std::pow(2.0, -f.decaySeconds / p.halfLifeS);
    // The body quantity the dose is spread over.
    const double heightCm = p.patientSizeM * 100;
    switch (kind) {
    case SuvKind::BodyWeight: f.bodyQuantity = p.patientWeightKg * 1000; break;
    case SuvKind::LeanBodyMass: {
        if (heightCm <= 0)
            return failed("Patient's Size (0010,1020) missing: SUVlbm needs the height");
        if (h.patientSex != "M" && h.patientSex != "F")
            return failed("Patient's Sex (0010,0040) is neither M nor F: SUVlbm needs it");
        const double w = p.patientWeightKg, r = w / heightCm;
        const double lbmKg = h.patientSex == "M" ? 1.10 * w - 128 * r * r : 1.07 * w - 148 * r * r;  // James
        if (lbmKg <= 0)
            return failed("lean body mass from Patient's Weight and Size is not positive");
        f.bodyQuantity = lbmKg * 1000;
        break;
    }
    case SuvKind::BodySurfaceArea:
        if (heightCm <= 0)
            return failed("Patient's Size (0010,1020) missing: SUVbsa needs the height");
        f.bodyQuantity = 0.007184 * std::pow(p.patientWeightKg, 0.425) * std::pow(heightCm, 0.725) * 1e4;  // Du Bois, cm2
        break;
    }
    f.factor = toBqml * f.bodyQuantity / f.decayedDoseBq;
    f.ok = true;
    return f;
}

} // namespace hf
