#include "hf/dicomio/MeasurementReport.h"

#include "AnnotationGraphic.h"
#include "hf/dicomio/DcmtkSettings.h"
#include "HeaderPreflight.h"
#include "SrContent.h"

#include <dcmtk/dcmdata/dcfilefo.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace hf {
namespace {

using sr::Code;
using sr::privateCode;

const Code kReport{"126000", "DCM", "Imaging Measurement Report"};
const Code kLanguage{"121049", "DCM", "Language of Content Item and Descendants"};
const Code kEnglish{"en-US", "RFC5646", "English (United States)"};
const Code kObserverType{"121005", "DCM", "Observer Type"};
const Code kPerson{"121006", "DCM", "Person"};
const Code kObserverName{"121008", "DCM", "Person Observer Name"};
const Code kProcedureReported{"121058", "DCM", "Procedure reported"};
const Code kImagingProcedure{"363679005", "SCT", "Imaging procedure"};
const Code kImageLibrary{"111028", "DCM", "Image Library"};
const Code kImageLibraryGroup{"126200", "DCM", "Image Library Group"};
const Code kMeasurements{"126010", "DCM", "Imaging Measurements"};
const Code kGroup{"125007", "DCM", "Measurement Group"};
const Code kTrackingId{"112039", "DCM", "Tracking Identifier"};
const Code kTrackingUid{"112040", "DCM", "Tracking Unique Identifier"};
const Code kImageRegion{"111030", "DCM", "Image Region"};
const Code kSeriesUid{"112002", "DCM", "Series Instance UID"};
const Code kQualitative{"C0034375", "UMLS", "Qualitative Evaluations"};
const Code kComment{"121106", "DCM", "Comment"};
const Code kSyncState = privateCode("SYNC", "Hounsfield sync state");
const Code kKind = privateCode("KIND", "Annotation kind");
const Code kRevision = privateCode("REV", "Revision");
const Code kLabel = privateCode("LABEL", "Annotation label");
const Code kCreated = privateCode("CREATED", "Created");
const Code kModified = privateCode("MODIFIED", "Modified");
const Code kCalibration = privateCode("CALIB", "Calibration");
const Code kPoints = privateCode("POINTS", "Points in patient space (LPS mm)");
const Code kFrame = privateCode("FRAME", "Frame number");
const Code kPlane = privateCode("PLANE", "Reformatted plane (origin, row, column; LPS)");
const Code kSlab = privateCode("SLAB", "Slab of the reformatted plane");
const Code kFrames = privateCode("FRAMES", "Number of frames");
const Code kWithdrawn = privateCode("WITHDRAWN", "Withdrawn annotations");
const Code kTag = privateCode("TAG", "Tag");
const Code kWord = privateCode("WORD", "Tag word");
const Code kDeleted = privateCode("DELETED", "Withdrawn");
const Code kKeyImage = privateCode("KEYIMAGE", "Key image");
const Code kNote = privateCode("NOTE", "Study note");

struct ValueCode {
    const char* name;
    Code code;
};
const ValueCode kValueCodes[] = {
    {"length", {"410668003", "SCT", "Length"}},
    {"area", {"42798000", "SCT", "Area"}},
    {"mean", {"373098007", "SCT", "Mean"}},
    {"sd", {"386136009", "SCT", "Standard Deviation"}},
    {"min", {"255605001", "SCT", "Minimum"}},
    {"max", {"56851009", "SCT", "Maximum"}},
    {"peak", {"126031", "DCM", "Peak Value Within ROI"}},  // SUVpeak (PERCIST's 1 mL sphere)
    {"mtv", {"126032", "DCM", "Metabolic Volume"}},
    {"tlg", {"126033", "DCM", "Total Lesion Glycolysis"}},
    // The same at the absolute threshold (SUV 2.5): DCM has one concept for both, and a reader
    // must tell them apart.
    {"mtv_abs", privateCode("MTVSUV25", "Metabolic Volume at SUV 2.5")},
    {"tlg_abs", privateCode("TLGSUV25", "Total Lesion Glycolysis at SUV 2.5")},
    {"diameter", {"81827009", "SCT", "Diameter"}},
    {"volume", {"118565006", "SCT", "Volume"}},
    {"voxels", privateCode("VOXELS", "Number of voxels")},
    {"angle", privateCode("ANGLE", "Angle")},
    {"pixels", privateCode("PIXELS", "Number of pixels")},
    {"value", privateCode("VALUE", "Value at point")},
};
struct UnitCode {
    const char* unit;
    Code code;
};
const UnitCode kUnitCodes[] = {
    {"mm", {"mm", "UCUM", "millimeter"}},      {"mm2", {"mm2", "UCUM", "square millimeter"}},
    {"deg", {"deg", "UCUM", "degree"}},         {"HU", {"[hnsf'U]", "UCUM", "Hounsfield unit"}},
    {"px", {"{px}", "UCUM", "pixel"}},          {"px2", {"{px2}", "UCUM", "square pixel"}},
    {"SUVbw", {"{SUVbw}g/ml", "UCUM", "Standardized Uptake Value body weight"}},
    {"SUVlbm", {"{SUVlbm}g/ml", "UCUM", "Standardized Uptake Value lean body mass"}},
    {"SUVbsa", {"{SUVbsa}cm2/ml", "UCUM", "Standardized Uptake Value body surface area"}},
    {"Bq/mL", {"Bq/mL", "UCUM", "Becquerels/milliliter"}},
    {"mL", {"ml", "UCUM", "milliliter"}},
    {"g", {"g", "UCUM", "gram"}},
    {"", {"1", "UCUM", "no units"}},
};

Code valueCode(const std::string& name)
{
    for (const auto& v : kValueCodes)
        if (name == v.name)
            return v.code;
    return privateCode(name.substr(0, 16), name);
}

std::string valueName(const Code& code)
{
    for (const auto& v : kValueCodes)
        if (code == v.code)
            return v.name;
    return code.meaning;
}

Code unitCode(const std::string& unit)
{
    for (const auto& u : kUnitCodes)
        if (unit == u.unit)
            return u.code;
    return {unit, "UCUM", unit};
}

std::string unitName(const Code& code)
{
    for (const auto& u : kUnitCodes)
        if (code == u.code)
            return u.unit;
    return code.value;
}

std::string exact(double v)
{
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", v);
    return text;
}

std::string formatLps(const std::vector<Vec3>& points)
{
    std::string out;
    for (const Vec3& p : points)
        out += (out.empty() ? "" : ";") + exact(p.x) + "," + exact(p.y) + "," + exact(p.z);
    return out;
}

std::vector<Vec3> parseLps(const std::string& text, const std::string& file)
{
    std::vector<Vec3> points;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(';', start);
        if (end == std::string::npos)
            end = text.size();
        Vec3 p;
        if (std::sscanf(text.substr(start, end - start).c_str(), "%lf,%lf,%lf", &p.x, &p.y, &p.z) != 3)
            throw std::runtime_error(file + ": an annotation's points are not x,y,z triples");
        points.push_back(p);
        start = end + 1;
    }
    return points;
}

void addObservation(DcmItem& group, const Code& concept, const std::string& text)
{
    if (text.empty())
        return;  // TEXT must have a value; an absent item reads back as ""
    sr::addText(group, "HAS OBS CONTEXT", concept, text);
}

void addGroup(DcmItem& parent, const AnnotationRecord& a)
{
    DcmItem& group = sr::addContainer(parent, "CONTAINS", kGroup);
    addObservation(group, kTrackingId, a.label.empty() ? a.kind : a.label);
    sr::addUidRef(group, "HAS OBS CONTEXT", kTrackingUid, uidFromUuid(a.id));
    if (!a.author.empty())
        sr::addPersonName(group, "HAS OBS CONTEXT", kObserverName, a.author);
    addObservation(group, kKind, a.kind);
    addObservation(group, kRevision, std::to_string(a.revision));
    if (!a.label.empty())
        addObservation(group, kLabel, a.label);
    addObservation(group, kCreated, a.created);
    addObservation(group, kModified, a.modified);
    addObservation(group, kSeriesUid, a.image.seriesUid);
    addObservation(group, kFrame, std::to_string(a.image.frame));
    addObservation(group, kFrames, std::to_string(a.image.frameCount));
    addObservation(group, kPoints, formatLps(a.points));
    if (!a.calibration.empty())
        addObservation(group, kCalibration, a.calibration);
    addObservation(group, kPlane, a.plane);
    addObservation(group, kSlab, a.slab);
    const Graphic g = graphicOf(a);
    if (!g.pixels.empty() && a.plane.empty()) {
        DcmItem& scoord = sr::addScoord(group, "CONTAINS", kImageRegion, g.type2d, g.pixels);
        sr::addImage(scoord, "SELECTED FROM", a.image);
    }
    if (!a.frameOfReferenceUid.empty() && !g.lps.empty())
        sr::addScoord3d(group, "CONTAINS", kImageRegion, g.type3d, g.lps, a.frameOfReferenceUid);
    for (const AnnotationValue& v : a.values)
        sr::addNumber(group, "CONTAINS", valueCode(v.name), v.value, unitCode(v.unit));
}

std::vector<ImageReference> referencedImages(const StudyAnnotationSet& set)
{
    std::vector<ImageReference> images;
    auto add = [&](const ImageReference& image) {
        for (const auto& have : images)
            if (have.sopInstanceUid == image.sopInstanceUid && have.frame == image.frame)
                return;
        images.push_back(image);
    };
    for (const auto& a : set.annotations)
        add(a.image);
    for (const auto& k : set.keyImages)
        if (!k.deleted)
            add(k.image);
    return images;
}

int number(const std::string& text, const std::string& file, const char* what)
{
    try {
        return std::stoi(text);
    } catch (const std::exception&) {
        throw std::runtime_error(file + ": " + what + " \"" + text + "\" is not a number");
    }
}

AnnotationRecord readGroup(DcmItem& group, bool deleted, const std::string& file)
{
    AnnotationRecord a;
    a.id = uuidFromUid(sr::childText(group, kTrackingUid));
    if (a.id.empty())
        throw std::runtime_error(file + ": a measurement group has no Hounsfield tracking UID");
    a.deleted = deleted;
    a.kind = sr::childText(group, kKind);
    a.revision = number(sr::childText(group, kRevision), file, "a revision");
    a.label = sr::childText(group, kLabel);
    a.author = sr::childText(group, kObserverName);
    a.created = sr::childText(group, kCreated);
    a.modified = sr::childText(group, kModified);
    a.calibration = sr::childText(group, kCalibration);
    a.image.seriesUid = sr::childText(group, kSeriesUid);
    a.image.frame = number(sr::childText(group, kFrame), file, "a frame number");
    a.image.frameCount = number(sr::childText(group, kFrames), file, "a frame count");
    a.points = parseLps(sr::childText(group, kPoints), file);
    a.plane = sr::childText(group, kPlane);
    a.slab = sr::childText(group, kSlab);
    if (!a.plane.empty() && parseLps(a.plane, file).size() != 3)
        throw std::runtime_error(file + ": an annotation's plane is not three x,y,z triples (origin, row, column)");
    for (DcmItem* child : sr::children(group)) {
        const std::string type = sr::valueType(*child);
        if (type == "SCOORD") {
            for (DcmItem* image : sr::children(*child)) {
                DcmItem* ref = nullptr;
                if (image->findAndGetSequenceItem(DCM_ReferencedSOPSequence, ref, 0).good() && ref) {
                    a.image.sopClassUid = sr::getString(*ref, DCM_ReferencedSOPClassUID);
                    a.image.sopInstanceUid = sr::getString(*ref, DCM_ReferencedSOPInstanceUID);
                }
            }
        } else if (type == "SCOORD3D") {
            a.frameOfReferenceUid = sr::getString(*child, DCM_ReferencedFrameOfReferenceUID);
        } else if (type == "NUM") {
            DcmItem* measured = nullptr;
            if (child->findAndGetSequenceItem(DCM_MeasuredValueSequence, measured, 0).bad() || !measured)
                continue;
            AnnotationValue v;
            v.name = valueName(sr::conceptOf(*child).value_or(Code{}));
            Float64 exactValue = 0;
            if (measured->findAndGetFloat64(DCM_FloatingPointValue, exactValue).good())
                v.value = exactValue;
            else
                v.value = std::atof(sr::getString(*measured, DCM_NumericValue).c_str());
            v.unit = unitName(sr::getCode(*measured, DCM_MeasurementUnitsCodeSequence).value_or(Code{}));
            a.values.push_back(v);
        }
    }
    return a;
}

void addRevision(DcmItem& container, int revision, bool deleted)
{
    addObservation(container, kRevision, std::to_string(revision));
    addObservation(container, kDeleted, deleted ? "1" : "0");
}

} // namespace

void writeMeasurementReport(const std::string& path, const StudyAnnotationSet& set, const ObjectInstance& instance)
{
    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    sr::putHeader(ds, set.patient, set.study, instance, kComprehensive3dSrClass, "SR", "Hounsfield measurements");
    ds.putAndInsertString(DCM_CompletionFlag, "COMPLETE");
    ds.putAndInsertString(DCM_VerificationFlag, "UNVERIFIED");
    ds.putAndInsertString(DCM_ContentDate, instance.contentDateTime.substr(0, 8).c_str());
    ds.putAndInsertString(DCM_ContentTime, instance.contentDateTime.substr(8, 6).c_str());
    ds.insertEmptyElement(DCM_ReferencedPerformedProcedureStepSequence);
    ds.insertEmptyElement(DCM_PerformedProcedureCodeSequence);
    const std::vector<ImageReference> images = referencedImages(set);
    if (!images.empty())
        sr::putHierarchicalReferences(ds, DCM_CurrentRequestedProcedureEvidenceSequence, set.study.uid, images);
    if (!instance.predecessorSopInstanceUid.empty()) {
        ImageReference predecessor;
        predecessor.seriesUid = instance.predecessorSeriesUid;
        predecessor.sopClassUid = kComprehensive3dSrClass;
        predecessor.sopInstanceUid = instance.predecessorSopInstanceUid;
        sr::putHierarchicalReferences(ds, DCM_PredecessorDocumentsSequence, set.study.uid, {predecessor});
    }

    // Root: TID 1500.
    ds.putAndInsertString(DCM_ValueType, "CONTAINER");
    sr::putCode(ds, DCM_ConceptNameCodeSequence, kReport);
    ds.putAndInsertString(DCM_ContinuityOfContent, "SEPARATE");
    DcmItem* templateItem = nullptr;
    ds.findOrCreateSequenceItem(DCM_ContentTemplateSequence, templateItem, -2);
    templateItem->putAndInsertString(DCM_MappingResource, "DCMR");
    templateItem->putAndInsertString(DCM_TemplateIdentifier, "1500");
    sr::addCodeItem(ds, "HAS CONCEPT MOD", kLanguage, kEnglish);
    if (!instance.author.empty()) {
        sr::addCodeItem(ds, "HAS OBS CONTEXT", kObserverType, kPerson);
        sr::addPersonName(ds, "HAS OBS CONTEXT", kObserverName, instance.author);
    }
    sr::addCodeItem(ds, "HAS CONCEPT MOD", kProcedureReported, kImagingProcedure);
    DcmItem& library = sr::addContainer(ds, "CONTAINS", kImageLibrary);
    DcmItem& libraryGroup = sr::addContainer(library, "CONTAINS", kImageLibraryGroup);
    for (const ImageReference& image : images)
        sr::addImage(libraryGroup, "CONTAINS", image);
    DcmItem& measurements = sr::addContainer(ds, "CONTAINS", kMeasurements);
    for (const AnnotationRecord& a : set.annotations)
        if (!a.deleted)
            addGroup(measurements, a);
    if (!set.note.empty()) {
        DcmItem& qualitative = sr::addContainer(ds, "CONTAINS", kQualitative);
        sr::addText(qualitative, "CONTAINS", kComment, set.note);
    }

    // What only the sync needs: withdrawn annotations, tags, key image flags, the note's revision.
    DcmItem& sync = sr::addContainer(ds, "CONTAINS", kSyncState);
    DcmItem& withdrawn = sr::addContainer(sync, "CONTAINS", kWithdrawn);
    for (const AnnotationRecord& a : set.annotations)
        if (a.deleted)
            addGroup(withdrawn, a);
    for (const TagRecord& t : set.tags) {
        DcmItem& tag = sr::addContainer(sync, "CONTAINS", kTag);
        addObservation(tag, kWord, t.word);
        addObservation(tag, kSeriesUid, t.seriesUid);
        addRevision(tag, t.revision, t.deleted);
    }
    for (const KeyImageRecord& k : set.keyImages) {
        DcmItem& key = sr::addContainer(sync, "CONTAINS", kKeyImage);
        addObservation(key, kSeriesUid, k.image.seriesUid);
        addObservation(key, kFrame, std::to_string(k.image.frame));
        addObservation(key, kFrames, std::to_string(k.image.frameCount));
        addRevision(key, k.revision, k.deleted);
        sr::addImage(key, "CONTAINS", k.image);
    }
    if (set.noteRevision > 0) {
        DcmItem& note = sr::addContainer(sync, "CONTAINS", kNote);
        addRevision(note, set.noteRevision, false);
        sr::addText(note, "CONTAINS", kComment, set.note.empty() ? std::string("(none)") : set.note);
        addObservation(note, kLabel, set.note.empty() ? "empty" : "text");
    }
    sr::saveObject(file, path);
}

ReadMeasurementReport readMeasurementReport(const std::string& path)
{
    // Reports come from the PACS, written by anyone: the same bounds-checked walk as every image
    // before DCMTK parses it in this process, and no report larger than a report can be.
    constexpr unsigned long long kLargestReport = 64ull << 20;
    const HeaderStructure structure = checkHeaderStructure(path);
    if (structure.notDicom || !structure.error.empty())
        throw std::runtime_error(path + ": " + (structure.notDicom ? structure.error : "malformed DICOM: " + structure.error));
    if (structure.pixelDataOffset)  // the walk stops there; DCMTK would read on unchecked
        throw std::runtime_error(path + ": not a Hounsfield measurement report (it holds Pixel Data)");
    if (structure.fileSize > kLargestReport)
        throw std::runtime_error(path + ": " + std::to_string(structure.fileSize >> 20) + " MB, too large for a measurement report");
    quietDcmtk();  // what is wrong goes into the exception, not onto stderr
    DcmFileFormat file;
    const OFCondition loaded = file.loadFile(path.c_str());
    if (loaded.bad())
        throw std::runtime_error(path + ": cannot read (" + std::string(loaded.text()) + ")");
    DcmDataset& ds = *file.getDataset();
    if (sr::getString(ds, DCM_Manufacturer) != "Hounsfield" || sr::conceptOf(ds) != kReport)
        throw std::runtime_error(path + ": not a Hounsfield measurement report");
    ReadMeasurementReport out;
    out.set.patient.name = sr::getString(ds, DCM_PatientName);
    out.set.patient.id = sr::getString(ds, DCM_PatientID);
    out.set.study.uid = sr::getString(ds, DCM_StudyInstanceUID);
    out.instance.seriesUid = sr::getString(ds, DCM_SeriesInstanceUID);
    out.instance.sopInstanceUid = sr::getString(ds, DCM_SOPInstanceUID);
    out.instance.contentDateTime = sr::getString(ds, DCM_ContentDate) + sr::getString(ds, DCM_ContentTime);
    for (DcmItem* child : sr::children(ds)) {
        const auto concept = sr::conceptOf(*child);
        if (concept == kMeasurements) {
            for (DcmItem* group : sr::children(*child))
                if (sr::conceptOf(*group) == kGroup)
                    out.set.annotations.push_back(readGroup(*group, false, path));
        } else if (concept == kSyncState) {
            for (DcmItem* item : sr::children(*child)) {
                const auto what = sr::conceptOf(*item);
                if (what == kWithdrawn) {
                    for (DcmItem* group : sr::children(*item))
                        out.set.annotations.push_back(readGroup(*group, true, path));
                } else if (what == kTag) {
                    TagRecord t;
                    t.word = sr::childText(*item, kWord);
                    t.seriesUid = sr::childText(*item, kSeriesUid);
                    t.revision = number(sr::childText(*item, kRevision), path, "a tag revision");
                    t.deleted = sr::childText(*item, kDeleted) == "1";
                    out.set.tags.push_back(t);
                } else if (what == kKeyImage) {
                    KeyImageRecord k;
                    k.image.seriesUid = sr::childText(*item, kSeriesUid);
                    k.image.frame = number(sr::childText(*item, kFrame), path, "a key image frame");
                    k.image.frameCount = number(sr::childText(*item, kFrames), path, "a key image frame count");
                    k.revision = number(sr::childText(*item, kRevision), path, "a key image revision");
                    k.deleted = sr::childText(*item, kDeleted) == "1";
                    for (DcmItem* image : sr::children(*item)) {
                        DcmItem* ref = nullptr;
                        if (image->findAndGetSequenceItem(DCM_ReferencedSOPSequence, ref, 0).good() && ref) {
                            k.image.sopClassUid = sr::getString(*ref, DCM_ReferencedSOPClassUID);
                            k.image.sopInstanceUid = sr::getString(*ref, DCM_ReferencedSOPInstanceUID);
                        }
                    }
                    out.set.keyImages.push_back(k);
                } else if (what == kNote) {
                    out.set.noteRevision = number(sr::childText(*item, kRevision), path, "the note's revision");
                    out.set.note = sr::childText(*item, kLabel) == "empty" ? "" : sr::childText(*item, kComment);
                }
            }
        }
    }
    return out;
}

} // namespace hf
