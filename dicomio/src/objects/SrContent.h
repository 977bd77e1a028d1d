#pragma once
// Building and reading DICOM SR content items (and the header every object we write shares)
// with DCMTK's dcmdata. Internal to dicomio.
#include "hf/dicomio/StudyAnnotationSet.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>

#include <optional>
#include <string>
#include <vector>

namespace hf::sr {

struct Code {
    std::string value, scheme, meaning;
    bool operator==(const Code& o) const { return value == o.value && scheme == o.scheme; }
    bool operator!=(const Code& o) const { return !(*this == o); }
};

// Our own concepts, where DICOM and SNOMED have none: a private coding scheme, declared in
// each object's Coding Scheme Identification Sequence.
inline const char* kPrivateScheme = "99HFD";
Code privateCode(const std::string& value, const std::string& meaning);

// A new item appended to `parent`'s sequence `seq` (created when absent).
DcmItem& newSequenceItem(DcmItem& parent, const DcmTagKey& seq);
// A string value of any VR (backslashes between values), replacing what was there.
void put(DcmItem& item, const DcmTagKey& tag, const std::string& value);

// Code Sequence item (value, scheme, meaning) into `seq` of `item` (replacing it).
void putCode(DcmItem& item, const DcmTagKey& seq, const Code& code);
std::optional<Code> getCode(DcmItem& item, const DcmTagKey& seq);
std::string getString(DcmItem& item, const DcmTagKey& tag);

// A new content item appended to `parent`'s Content Sequence.
DcmItem& addItem(DcmItem& parent, const char* relationship, const char* valueType, const std::optional<Code>& concept);
DcmItem& addContainer(DcmItem& parent, const char* relationship, const Code& concept);
void addText(DcmItem& parent, const char* relationship, const Code& concept, const std::string& text);
void addUidRef(DcmItem& parent, const char* relationship, const Code& concept, const std::string& uid);
void addPersonName(DcmItem& parent, const char* relationship, const Code& concept, const std::string& name);
void addCodeItem(DcmItem& parent, const char* relationship, const Code& concept, const Code& value);
DcmItem& addNumber(DcmItem& parent, const char* relationship, const Code& concept, double value, const Code& unit);
DcmItem& addImage(DcmItem& parent, const char* relationship, const ImageReference& image);
DcmItem& addScoord(DcmItem& parent, const char* relationship, const Code& concept, const std::string& graphicType,
                   const std::vector<std::array<double, 2>>& points);
DcmItem& addScoord3d(DcmItem& parent, const char* relationship, const Code& concept, const std::string& graphicType,
                     const std::vector<Vec3>& points, const std::string& frameOfReferenceUid);

// Content Sequence children of `item` (not owned).
std::vector<DcmItem*> children(DcmItem& item);
std::string valueType(DcmItem& item);
std::optional<Code> conceptOf(DcmItem& item);
// The first child with this concept, or nullptr.
DcmItem* childWith(DcmItem& item, const Code& concept);
std::string childText(DcmItem& item, const Code& concept);  // TEXT, UIDREF or PNAME value; "" when absent

// Patient, study, series, equipment and SOP common attributes shared by SR, KOS and GSPS.
void putHeader(DcmItem& ds, const PatientIdentity& patient, const StudyIdentity& study, const ObjectInstance& instance, const char* sopClassUid,
               const char* modality, const std::string& seriesDescription);
// Study > series > SOP hierarchy (Current Requested Procedure Evidence, Predecessor Documents).
void putHierarchicalReferences(DcmItem& ds, const DcmTagKey& seq, const std::string& studyUid,
                               const std::vector<ImageReference>& images);
// Saved as Explicit VR Little Endian through a temporary name, then renamed. Throws
// std::runtime_error naming the path.
void saveObject(DcmFileFormat& file, const std::string& path);

std::string decimal(double value);  // DS, at most 16 characters

} // namespace hf::sr
