#include "hf/dicomio/SrDocument.h"

#include "ObjectFile.h"
#include "SrContent.h"

#include <cstdio>
#include <stdexcept>

namespace hf {
namespace {

using objects::firstItem;

constexpr unsigned long long kLargestReport = 64ull << 20;
constexpr int kDeepest = 64;              // nesting a real report never reaches
constexpr size_t kMostItems = 200'000;    // likewise

std::string meaningOf(DcmItem& item, const DcmTagKey& sequence)
{
    DcmItem* code = firstItem(item, sequence);
    return code ? sr::getString(*code, DCM_CodeMeaning) : std::string();
}

std::vector<float> floatsOf(DcmItem& item, const DcmTagKey& tag)
{
    std::vector<float> out;
    const Float32* values = nullptr;
    unsigned long count = 0;
    if (item.findAndGetFloat32Array(tag, values, &count).good() && values)
        out.assign(values, values + count);
    return out;
}

class TreeReader {
public:
    explicit TreeReader(const std::string& path) : m_path(path) {}

    std::vector<SrItem> childrenOf(DcmItem& parent, int depth, SrMeasurementGroup* group, std::vector<SrMeasurementGroup>& groups)
    {
        if (depth > kDeepest)
            throw std::runtime_error(m_path + ": content nested deeper than " + std::to_string(kDeepest) + " levels");
        std::vector<SrItem> items;
        for (DcmItem* child : sr::children(parent)) {
            if (++m_items > kMostItems)
                throw std::runtime_error(m_path + ": more than " + std::to_string(kMostItems) + " content items");
            items.push_back(read(*child, depth, group, groups));
        }
        return items;
    }

private:
    SrItem read(DcmItem& item, int depth, SrMeasurementGroup* group, std::vector<SrMeasurementGroup>& groups)
    {
        SrItem out;
        out.relationship = sr::getString(item, DCM_RelationshipType);
        out.valueType = sr::valueType(item);
        out.concept = meaningOf(item, DCM_ConceptNameCodeSequence);
        const std::string& type = out.valueType;
        if (type == "TEXT") {
            out.value = sr::getString(item, DCM_TextValue);
        } else if (type == "CODE") {
            out.value = meaningOf(item, DCM_ConceptCodeSequence);
        } else if (type == "NUM") {
            if (DcmItem* measured = firstItem(item, DCM_MeasuredValueSequence)) {
                out.value = sr::getString(*measured, DCM_NumericValue);
                if (DcmItem* unit = firstItem(*measured, DCM_MeasurementUnitsCodeSequence))
                    out.value += " " + sr::getString(*unit, DCM_CodeValue);
            }
        } else if (type == "UIDREF") {
            out.value = sr::getString(item, DCM_UID);
        } else if (type == "PNAME") {
            out.value = sr::getString(item, DCM_PersonName);
        } else if (type == "DATE" || type == "TIME" || type == "DATETIME") {
            out.value = sr::getString(item, type == "DATE" ? DCM_Date : type == "TIME" ? DCM_Time : DCM_DateTime);
        } else if (type == "IMAGE" || type == "COMPOSITE") {
            if (DcmItem* ref = firstItem(item, DCM_ReferencedSOPSequence))
                out.value = sr::getString(*ref, DCM_ReferencedSOPInstanceUID);
        } else if (type == "SCOORD" || type == "SCOORD3D") {
            SrRegion region;
            region.graphicType = sr::getString(item, DCM_GraphicType);
            region.patientSpace = type == "SCOORD3D";
            const auto data = floatsOf(item, DCM_GraphicData);
            const size_t per = region.patientSpace ? 3 : 2;
            if (data.size() % per != 0 || data.empty())
                throw std::runtime_error(m_path + ": " + type + " '" + out.concept + "': Graphic Data (0070,0022) holds " + std::to_string(data.size())
                                         + " values, not a whole number of " + std::to_string(per) + "-value points");
            for (size_t i = 0; i + per <= data.size(); i += per)
                region.points.push_back({data[i], data[i + 1], per == 3 ? data[i + 2] : 0.0});
            if (region.patientSpace) {
                region.frameOfReferenceUid = sr::getString(item, DCM_ReferencedFrameOfReferenceUID);
            } else {
                // The image it was drawn on: its SELECTED FROM child.
                for (DcmItem* child : sr::children(item))
                    if (DcmItem* ref = firstItem(*child, DCM_ReferencedSOPSequence)) {
                        region.sopInstanceUid = sr::getString(*ref, DCM_ReferencedSOPInstanceUID);
                        Sint32 frame = 0;
                        if (ref->findAndGetSint32(DCM_ReferencedFrameNumber, frame).good())
                            region.frame = int(frame);
                    }
            }
            out.value = region.graphicType + ", " + std::to_string(region.points.size()) + (region.points.size() == 1 ? " point" : " points");
            if (group)
                group->regions.push_back(region);
        }
        if (type == "CONTAINER" && out.concept == "Measurement Group") {
            SrMeasurementGroup found;
            out.children = childrenOf(item, depth + 1, &found, groups);
            for (const SrItem& c : out.children) {
                if (c.concept == "Tracking Identifier")
                    found.trackingId = c.value;
                else if (c.concept == "Finding")
                    found.finding = c.value;
                else if (c.concept == "Finding Site")
                    found.findingSite = c.value;
                else if (c.valueType == "NUM")
                    found.values.push_back(c.concept + ": " + c.value);
            }
            groups.push_back(std::move(found));
            return out;
        }
        out.children = childrenOf(item, depth + 1, group, groups);
        return out;
    }

    const std::string& m_path;
    size_t m_items = 0;
};

} // namespace

SrDocument readSrDocument(const std::string& path)
{
    // Any SR class (the 1.2.840.10008.5.1.4.1.1.88 family: TID 1500, dose reports, CAD...).
    const auto file = objects::loadObjectFile(path, kLargestReport, "1.2.840.10008.5.1.4.1.1.88.", "a structured report");
    DcmDataset& ds = *file->getDataset();
    SrDocument doc;
    doc.path = path;
    doc.sopClassUid = sr::getString(ds, DCM_SOPClassUID);
    if (sr::getString(ds, DCM_ValueType) != "CONTAINER")
        throw std::runtime_error(path + ": Value Type (0040,A040) of the document root is '" + sr::getString(ds, DCM_ValueType) + "', not CONTAINER");
    doc.sopInstanceUid = sr::getString(ds, DCM_SOPInstanceUID);
    doc.seriesUid = sr::getString(ds, DCM_SeriesInstanceUID);
    doc.studyUid = sr::getString(ds, DCM_StudyInstanceUID);
    doc.title = meaningOf(ds, DCM_ConceptNameCodeSequence);
    doc.manufacturer = sr::getString(ds, DCM_Manufacturer);
    doc.contentDate = sr::getString(ds, DCM_ContentDate);
    doc.completion = sr::getString(ds, DCM_CompletionFlag);
    doc.verification = sr::getString(ds, DCM_VerificationFlag);
    doc.content = TreeReader(path).childrenOf(ds, 0, nullptr, doc.groups);
    return doc;
}

} // namespace hf
