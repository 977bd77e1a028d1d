#include "hf/dicomio/StructureSet.h"

#include "ObjectFile.h"
#include "SrContent.h"

#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcsequen.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

namespace hf {
namespace {

using objects::itemsOf;

constexpr const char* kRtStructureSetClass = "1.2.840.10008.5.1.4.1.1.481.3";
// Bounds for hostile files: a real structure set holds a few hundred thousand points.
constexpr unsigned long long kLargestStructureSet = 512ull << 20;
constexpr size_t kMostPoints = 20'000'000;

std::optional<long> integerOf(DcmItem& item, const DcmTagKey& tag, unsigned long position = 0)
{
    Sint32 value = 0;
    if (item.findAndGetSint32(tag, value, position).bad())
        return std::nullopt;
    return value;
}

StructureContour::Type contourType(const std::string& name)
{
    if (name == "OPEN_PLANAR") return StructureContour::Type::OpenPlanar;
    if (name == "OPEN_NONPLANAR") return StructureContour::Type::OpenNonplanar;
    if (name == "POINT") return StructureContour::Type::Point;
    return StructureContour::Type::ClosedPlanar;
}

// One ROI's contours; each contour whose Contour Data does not hold 3 values per declared point
// is left out with a warning.
void readContours(DcmItem& roiContour, StructureRoi& roi, size_t& pointsSoFar, std::vector<std::string>& warnings)
{
    int index = 0;
    for (DcmItem* contour : itemsOf(roiContour, DCM_ContourSequence)) {
        ++index;
        const std::string where = "ROI " + std::to_string(roi.number) + " '" + roi.name + "' contour " + std::to_string(index);
        const auto declared = integerOf(*contour, DCM_NumberOfContourPoints);
        DcmElement* data = nullptr;
        const unsigned long values = contour->findAndGetElement(DCM_ContourData, data).good() && data ? data->getVM() : 0;
        if (!declared || *declared <= 0) {
            warnings.push_back(where + ": Number of Contour Points (3006,0046) missing or not positive; left out");
            continue;
        }
        if (values != 3ul * static_cast<unsigned long>(*declared)) {
            warnings.push_back(where + ": Contour Data (3006,0050) holds " + std::to_string(values) + " values, Number of Contour Points (3006,0046) says "
                               + std::to_string(*declared) + " points; left out");
            continue;
        }
        if (pointsSoFar + size_t(*declared) > kMostPoints)
            throw std::runtime_error("more than " + std::to_string(kMostPoints) + " contour points in all");
        StructureContour c;
        c.type = contourType(sr::getString(*contour, DCM_ContourGeometricType));
        c.points.reserve(size_t(*declared));
        for (long p = 0; p < *declared; ++p) {
            Float64 x = 0, y = 0, z = 0;
            if (data->getFloat64(x, 3 * p).bad() || data->getFloat64(y, 3 * p + 1).bad() || data->getFloat64(z, 3 * p + 2).bad()) {
                c.points.clear();
                break;
            }
            c.points.push_back({x, y, z});
        }
        if (c.points.empty()) {
            warnings.push_back(where + ": Contour Data (3006,0050) holds values that are not numbers; left out");
            continue;
        }
        pointsSoFar += c.points.size();
        roi.contours.push_back(std::move(c));
    }
}

} // namespace

StructureSet readStructureSet(const std::string& path)
{
    const auto file = objects::loadObjectFile(path, kLargestStructureSet, kRtStructureSetClass, "an RT Structure Set");
    DcmDataset& ds = *file->getDataset();
    StructureSet set;
    set.path = path;
    set.sopInstanceUid = sr::getString(ds, DCM_SOPInstanceUID);
    set.seriesUid = sr::getString(ds, DCM_SeriesInstanceUID);
    set.studyUid = sr::getString(ds, DCM_StudyInstanceUID);
    set.label = sr::getString(ds, DCM_StructureSetLabel);
    set.date = sr::getString(ds, DCM_StructureSetDate);
    set.manufacturer = sr::getString(ds, DCM_Manufacturer);
    for (DcmItem* frame : itemsOf(ds, DCM_ReferencedFrameOfReferenceSequence)) {
        set.frameOfReferenceUid = sr::getString(*frame, DCM_FrameOfReferenceUID);
        if (!set.frameOfReferenceUid.empty())
            break;
    }
    const auto roiItems = itemsOf(ds, DCM_StructureSetROISequence);
    if (roiItems.empty())
        throw std::runtime_error(path + ": Structure Set ROI Sequence (3006,0020) missing or empty");
    std::map<long, size_t> byNumber;
    for (DcmItem* item : roiItems) {
        const auto number = integerOf(*item, DCM_ROINumber);
        if (!number) {
            set.warnings.push_back("an ROI without ROI Number (3006,0022) ('" + sr::getString(*item, DCM_ROIName) + "'); left out");
            continue;
        }
        if (byNumber.count(*number)) {
            set.warnings.push_back("ROI Number (3006,0022) " + std::to_string(*number) + " given twice; the second left out");
            continue;
        }
        StructureRoi roi;
        roi.number = int(*number);
        roi.name = sr::getString(*item, DCM_ROIName);
        roi.frameOfReferenceUid = sr::getString(*item, DCM_ReferencedFrameOfReferenceUID);
        if (roi.frameOfReferenceUid.empty())
            roi.frameOfReferenceUid = set.frameOfReferenceUid;
        byNumber[*number] = set.rois.size();
        set.rois.push_back(std::move(roi));
    }
    size_t points = 0;
    try {
        for (DcmItem* item : itemsOf(ds, DCM_ROIContourSequence)) {
            const auto number = integerOf(*item, DCM_ReferencedROINumber);
            const auto found = number ? byNumber.find(*number) : byNumber.end();
            if (found == byNumber.end()) {
                set.warnings.push_back("contours for ROI " + (number ? std::to_string(*number) : std::string("(no Referenced ROI Number (3006,0084))"))
                                       + ", which the Structure Set ROI Sequence does not name; left out");
                continue;
            }
            StructureRoi& roi = set.rois[found->second];
            const auto r = integerOf(*item, DCM_ROIDisplayColor, 0), g = integerOf(*item, DCM_ROIDisplayColor, 1),
                       b = integerOf(*item, DCM_ROIDisplayColor, 2);
            if (r && g && b)
                roi.colour = {std::uint8_t(std::clamp<long>(*r, 0, 255)), std::uint8_t(std::clamp<long>(*g, 0, 255)),
                              std::uint8_t(std::clamp<long>(*b, 0, 255))};
            readContours(*item, roi, points, set.warnings);
        }
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
    for (DcmItem* item : itemsOf(ds, DCM_RTROIObservationsSequence))
        if (const auto number = integerOf(*item, DCM_ReferencedROINumber); number && byNumber.count(*number))
            set.rois[byNumber[*number]].interpretedType = sr::getString(*item, DCM_RTROIInterpretedType);
    return set;
}

} // namespace hf
