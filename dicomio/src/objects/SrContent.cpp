#include "SrContent.h"

#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcuid.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace hf::sr {

DcmItem& newSequenceItem(DcmItem& parent, const DcmTagKey& seq)
{
    DcmItem* item = nullptr;
    if (parent.findOrCreateSequenceItem(seq, item, -2).bad() || !item)
        throw std::runtime_error("cannot create a sequence item");
    return *item;
}

void put(DcmItem& item, const DcmTagKey& tag, const std::string& value)
{
    item.putAndInsertOFStringArray(tag, OFString(value.c_str(), value.size()));
}

namespace {

std::string dateOf(const std::string& dt) { return dt.size() >= 8 ? dt.substr(0, 8) : ""; }
std::string timeOf(const std::string& dt) { return dt.size() >= 14 ? dt.substr(8, 6) : ""; }

} // namespace

Code privateCode(const std::string& value, const std::string& meaning) { return {value, kPrivateScheme, meaning}; }

void putCode(DcmItem& item, const DcmTagKey& seq, const Code& code)
{
    item.findAndDeleteElement(seq);
    DcmItem& c = newSequenceItem(item, seq);
    put(c, DCM_CodeValue, code.value);
    put(c, DCM_CodingSchemeDesignator, code.scheme);
    put(c, DCM_CodeMeaning, code.meaning);
}

std::optional<Code> getCode(DcmItem& item, const DcmTagKey& seq)
{
    DcmItem* c = nullptr;
    if (item.findAndGetSequenceItem(seq, c, 0).bad() || !c)
        return std::nullopt;
    return Code{getString(*c, DCM_CodeValue), getString(*c, DCM_CodingSchemeDesignator), getString(*c, DCM_CodeMeaning)};
}

std::string getString(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).bad())
        return {};
    return std::string(value.c_str(), value.length());
}

DcmItem& addItem(DcmItem& parent, const char* relationship, const char* type, const std::optional<Code>& concept)
{
    DcmItem& item = newSequenceItem(parent, DCM_ContentSequence);
    put(item, DCM_RelationshipType, relationship);
    put(item, DCM_ValueType, type);
    if (concept)
        putCode(item, DCM_ConceptNameCodeSequence, *concept);
    return item;
}

DcmItem& addContainer(DcmItem& parent, const char* relationship, const Code& concept)
{
    DcmItem& item = addItem(parent, relationship, "CONTAINER", concept);
    put(item, DCM_ContinuityOfContent, "SEPARATE");
    return item;
}

void addText(DcmItem& parent, const char* relationship, const Code& concept, const std::string& text)
{
    put(addItem(parent, relationship, "TEXT", concept), DCM_TextValue, text);
}

void addUidRef(DcmItem& parent, const char* relationship, const Code& concept, const std::string& uid)
{
    put(addItem(parent, relationship, "UIDREF", concept), DCM_UID, uid);
}

void addPersonName(DcmItem& parent, const char* relationship, const Code& concept, const std::string& name)
{
    put(addItem(parent, relationship, "PNAME", concept), DCM_PersonName, name);
}

void addCodeItem(DcmItem& parent, const char* relationship, const Code& concept, const Code& value)
{
    putCode(addItem(parent, relationship, "CODE", concept), DCM_ConceptCodeSequence, value);
}

DcmItem& addNumber(DcmItem& parent, const char* relationship, const Code& concept, double value, const Code& unit)
{
    DcmItem& item = addItem(parent, relationship, "NUM", concept);
    DcmItem& measured = newSequenceItem(item, DCM_MeasuredValueSequence);
    put(measured, DCM_NumericValue, decimal(value));
    // The exact double, since a DS holds only 16 characters.
    measured.putAndInsertFloat64(DCM_FloatingPointValue, value);
    putCode(measured, DCM_MeasurementUnitsCodeSequence, unit);
    return item;
}

DcmItem& addImage(DcmItem& parent, const char* relationship, const ImageReference& image)
{
    DcmItem& item = addItem(parent, relationship, "IMAGE", std::nullopt);
    DcmItem& ref = newSequenceItem(item, DCM_ReferencedSOPSequence);
    put(ref, DCM_ReferencedSOPClassUID, image.sopClassUid);
    put(ref, DCM_ReferencedSOPInstanceUID, image.sopInstanceUid);
    if (image.frameCount > 1)
        put(ref, DCM_ReferencedFrameNumber, std::to_string(image.frame));
    return item;
}

DcmItem& addScoord(DcmItem& parent, const char* relationship, const Code& concept, const std::string& graphicType,
                   const std::vector<std::array<double, 2>>& points)
{
    DcmItem& item = addItem(parent, relationship, "SCOORD", concept);
    put(item, DCM_GraphicType, graphicType);
    std::vector<Float32> data;
    for (const auto& p : points) {
        data.push_back(Float32(p[0]));
        data.push_back(Float32(p[1]));
    }
    item.putAndInsertFloat32Array(DCM_GraphicData, data.data(), data.size());
    return item;
}

DcmItem& addScoord3d(DcmItem& parent, const char* relationship, const Code& concept, const std::string& graphicType,
                     const std::vector<Vec3>& points, const std::string& frameOfReferenceUid)
{
    DcmItem& item = addItem(parent, relationship, "SCOORD3D", concept);
    put(item, DCM_GraphicType, graphicType);
    put(item, DCM_ReferencedFrameOfReferenceUID, frameOfReferenceUid);
    std::vector<Float32> data;
    for (const auto& p : points)
        for (double v : {p.x, p.y, p.z})
            data.push_back(Float32(v));
    item.putAndInsertFloat32Array(DCM_GraphicData, data.data(), data.size());
    return item;
}

std::vector<DcmItem*> children(DcmItem& item)
{
    std::vector<DcmItem*> out;
    DcmSequenceOfItems* seq = nullptr;
    if (item.findAndGetSequence(DCM_ContentSequence, seq).bad() || !seq)
        return out;
    for (unsigned long i = 0; i < seq->card(); ++i)
        out.push_back(seq->getItem(i));
    return out;
}

std::string valueType(DcmItem& item) { return getString(item, DCM_ValueType); }
std::optional<Code> conceptOf(DcmItem& item) { return getCode(item, DCM_ConceptNameCodeSequence); }

DcmItem* childWith(DcmItem& item, const Code& concept)
{
    for (DcmItem* child : children(item))
        if (conceptOf(*child) == concept)
            return child;
    return nullptr;
}

std::string childText(DcmItem& item, const Code& concept)
{
    DcmItem* child = childWith(item, concept);
    if (!child)
        return {};
    const std::string type = valueType(*child);
    if (type == "UIDREF")
        return getString(*child, DCM_UID);
    if (type == "PNAME")
        return getString(*child, DCM_PersonName);
    return getString(*child, DCM_TextValue);
}

void putHeader(DcmItem& ds, const PatientIdentity& patient, const StudyIdentity& study, const ObjectInstance& instance, const char* sopClassUid,
               const char* modality, const std::string& seriesDescription)
{
    put(ds, DCM_SpecificCharacterSet, "ISO_IR 192");
    put(ds, DCM_SOPClassUID, sopClassUid);
    put(ds, DCM_SOPInstanceUID, instance.sopInstanceUid);
    const std::string date = dateOf(instance.contentDateTime), time = timeOf(instance.contentDateTime);
    put(ds, DCM_InstanceCreationDate, date);
    put(ds, DCM_InstanceCreationTime, time);
    put(ds, DCM_PatientName, patient.name);
    put(ds, DCM_PatientID, patient.id);
    put(ds, DCM_PatientBirthDate, patient.birthDate);
    put(ds, DCM_PatientSex, patient.sex);
    put(ds, DCM_StudyInstanceUID, study.uid);
    put(ds, DCM_StudyDate, study.date);
    put(ds, DCM_StudyTime, study.time);
    put(ds, DCM_StudyDescription, study.description);
    put(ds, DCM_AccessionNumber, study.accessionNumber);
    put(ds, DCM_StudyID, study.studyId);
    put(ds, DCM_ReferringPhysicianName, study.referringPhysician);
    put(ds, DCM_Modality, modality);
    put(ds, DCM_SeriesInstanceUID, instance.seriesUid);
    put(ds, DCM_SeriesNumber, std::to_string(instance.seriesNumber));
    put(ds, DCM_SeriesDescription, seriesDescription);
    put(ds, DCM_SeriesDate, date);
    put(ds, DCM_SeriesTime, time);
    put(ds, DCM_InstanceNumber, std::to_string(instance.instanceNumber));
    put(ds, DCM_Manufacturer, "Hounsfield");
    put(ds, DCM_ManufacturerModelName, "Hounsfield workstation");
    put(ds, DCM_SoftwareVersions, "1");
    // Our private concepts, declared so that other software knows whose they are.
    DcmItem& scheme = newSequenceItem(ds, DCM_CodingSchemeIdentificationSequence);
    put(scheme, DCM_CodingSchemeDesignator, kPrivateScheme);
    put(scheme, DCM_CodingSchemeName, "Hounsfield annotation sync");
    put(scheme, DCM_CodingSchemeResponsibleOrganization, "Hounsfield");
}

void putHierarchicalReferences(DcmItem& ds, const DcmTagKey& seq, const std::string& studyUid,
                               const std::vector<ImageReference>& images)
{
    DcmItem& studyItem = newSequenceItem(ds, seq);
    put(studyItem, DCM_StudyInstanceUID, studyUid);
    std::vector<std::string> seriesDone;
    for (const ImageReference& first : images) {
        if (std::find(seriesDone.begin(), seriesDone.end(), first.seriesUid) != seriesDone.end())
            continue;
        seriesDone.push_back(first.seriesUid);
        DcmItem& seriesItem = newSequenceItem(studyItem, DCM_ReferencedSeriesSequence);
        put(seriesItem, DCM_SeriesInstanceUID, first.seriesUid);
        std::vector<std::string> sopDone;
        for (const ImageReference& image : images) {
            if (image.seriesUid != first.seriesUid ||
                std::find(sopDone.begin(), sopDone.end(), image.sopInstanceUid) != sopDone.end())
                continue;
            sopDone.push_back(image.sopInstanceUid);
            DcmItem& sop = newSequenceItem(seriesItem, DCM_ReferencedSOPSequence);
            put(sop, DCM_ReferencedSOPClassUID, image.sopClassUid);
            put(sop, DCM_ReferencedSOPInstanceUID, image.sopInstanceUid);
        }
    }
}

void saveObject(DcmFileFormat& file, const std::string& path)
{
    const std::string temporary = path + ".part";
    const OFCondition cond = file.saveFile(temporary.c_str(), EXS_LittleEndianExplicit);
    if (cond.bad()) {
        std::remove(temporary.c_str());
        throw std::runtime_error(path + ": cannot write (" + cond.text() + ")");
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::remove(temporary.c_str());
        throw std::runtime_error(path + ": cannot write (" + ec.message() + ")");
    }
}

std::string decimal(double value)
{
    char text[32];
    for (int precision = 12; precision > 1; --precision) {
        std::snprintf(text, sizeof text, "%.*g", precision, value);
        if (std::string(text).size() <= 16)
            return text;
    }
    std::snprintf(text, sizeof text, "%.6e", value);
    return text;
}

} // namespace hf::sr
