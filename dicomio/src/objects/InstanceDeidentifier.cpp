#include "hf/dicomio/InstanceDeidentifier.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcitem.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcsequen.h>
#include <dcmtk/dcmdata/dcstack.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmdata/dcvrpn.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace hf {

namespace {

enum class Action { Remove, Empty, Characteristic, Descriptor };

// PS3.15 Table E.1-1, the attributes an image file commonly carries that the generic rules
// below (person names, dates and times, UIDs, private and overlay groups) do not cover.
const std::map<DcmTagKey, Action>& actions()
{
    static const std::map<DcmTagKey, Action> table = {
        {DCM_AccessionNumber, Action::Empty},
        {DCM_StudyID, Action::Empty},
        {DCM_IssuerOfPatientID, Action::Remove},
        {DCM_PatientBirthDate, Action::Empty},
        {DCM_PatientBirthTime, Action::Remove},
        {DCM_RETIRED_OtherPatientIDs, Action::Remove},
        {DCM_OtherPatientIDsSequence, Action::Remove},
        {DCM_PatientAddress, Action::Remove},
        {DCM_PatientTelephoneNumbers, Action::Remove},
        {DCM_MilitaryRank, Action::Remove},
        {DCM_BranchOfService, Action::Remove},
        {DCM_RETIRED_MedicalRecordLocator, Action::Remove},
        {DCM_MedicalAlerts, Action::Remove},
        {DCM_Allergies, Action::Remove},
        {DCM_CountryOfResidence, Action::Remove},
        {DCM_RegionOfResidence, Action::Remove},
        {DCM_Occupation, Action::Remove},
        {DCM_AdditionalPatientHistory, Action::Remove},
        {DCM_LastMenstrualDate, Action::Remove},
        {DCM_PatientReligiousPreference, Action::Remove},
        {DCM_PatientComments, Action::Remove},
        {DCM_PatientSex, Action::Characteristic},
        {DCM_PatientAge, Action::Characteristic},
        {DCM_PatientSize, Action::Characteristic},
        {DCM_PatientWeight, Action::Characteristic},
        {DCM_EthnicGroup, Action::Characteristic},
        {DCM_SmokingStatus, Action::Characteristic},
        {DCM_PregnancyStatus, Action::Characteristic},
        {DCM_InstitutionName, Action::Remove},
        {DCM_InstitutionAddress, Action::Remove},
        {DCM_InstitutionCodeSequence, Action::Remove},
        {DCM_InstitutionalDepartmentName, Action::Remove},
        {DCM_ReferringPhysicianAddress, Action::Remove},
        {DCM_ReferringPhysicianTelephoneNumbers, Action::Remove},
        {DCM_StationName, Action::Remove},
        {DCM_DeviceSerialNumber, Action::Remove},
        {DCM_PlateID, Action::Remove},
        {DCM_DetectorID, Action::Remove},
        {DCM_GantryID, Action::Remove},
        {DCM_ReferencedPatientSequence, Action::Remove},
        {DCM_AdmissionID, Action::Remove},
        {DCM_AdmittingDiagnosesDescription, Action::Remove},
        {DCM_RequestAttributesSequence, Action::Remove},
        {DCM_PerformedProcedureStepID, Action::Remove},
        {DCM_RequestingService, Action::Remove},
        {DCM_FillerOrderNumberImagingServiceRequest, Action::Remove},
        {DCM_PlacerOrderNumberImagingServiceRequest, Action::Remove},
        {DCM_ImageComments, Action::Descriptor},
        {DCM_StudyDescription, Action::Descriptor},
        {DCM_SeriesDescription, Action::Descriptor},
        {DCM_ProtocolName, Action::Descriptor},
        {DCM_DerivationDescription, Action::Descriptor},
        {DCM_PerformedProcedureStepDescription, Action::Descriptor},
        {DCM_RequestedProcedureDescription, Action::Descriptor},
        {DcmTagKey(0x0018, 0x4000), Action::Descriptor},  // Acquisition Comments (retired)
        {DCM_SeriesDescriptionCodeSequence, Action::Remove},
    };
    return table;
}

bool isStandardUid(const char* uid)
{
    // SOP classes, transfer syntaxes, coding schemes: DCMTK knows their names.
    return uid && dcmFindNameOfUID(uid, nullptr) != nullptr;
}

bool isDateOrTime(DcmEVR vr) { return vr == EVR_DA || vr == EVR_DT || vr == EVR_TM; }

// The patient's names and ID cut out of a kept description (Clean Descriptors).
std::string cleaned(std::string text, const std::vector<std::string>& identifying)
{
    for (const std::string& word : identifying) {
        if (word.size() < 2)
            continue;
        for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at))
            text.replace(at, word.size(), "***");
    }
    return text;
}

class Walker {
public:
    Walker(const DeidentifyOptions& options, Deidentifier& uids, std::vector<std::string> identifying)
        : m_options(options)
        , m_uids(uids)
        , m_identifying(std::move(identifying))
    {
    }

    void item(DcmItem& item)
    {
        for (unsigned long i = item.card(); i-- > 0;) {
            DcmElement* element = item.getElement(i);
            if (!element)
                continue;
            const DcmTag tag = element->getTag();
            const Uint16 group = tag.getGroup();
            // Private attributes, curves and overlay comments/data go; the overlay planes'
            // geometry would be left dangling, so the whole overlay group goes.
            if ((group & 1) || (group >= 0x5000 && group <= 0x50FF) || (group >= 0x6000 && group <= 0x60FF)) {
                delete item.remove(element);
                continue;
            }
            if (group == 0x0002)
                continue;
            const auto found = actions().find(tag);
            if (found != actions().end() && apply(item, element, found->second))
                continue;
            if (element->ident() == EVR_SQ) {
                auto* sequence = static_cast<DcmSequenceOfItems*>(element);
                for (unsigned long k = 0; k < sequence->card(); ++k)
                    this->item(*sequence->getItem(k));
                continue;
            }
            const DcmEVR vr = element->ident();
            if (vr == EVR_PN) {
                element->putString("");  // every person's name: the patient's is set afterwards
            } else if (vr == EVR_UI) {
                char* value = nullptr;
                if (element->getString(value).good() && value && !isStandardUid(value))
                    element->putString(m_uids.uid(value).c_str());
            } else if (isDateOrTime(vr) && !m_options.retainLongitudinalDates) {
                element->putString("");
            }
        }
    }

private:
    // True when the element was dealt with (removed or emptied).
    bool apply(DcmItem& item, DcmElement* element, Action action)
    {
        switch (action) {
        case Action::Remove:
            delete item.remove(element);
            return true;
        case Action::Empty:
            element->putString("");
            return true;
        case Action::Characteristic:
            if (m_options.retainPatientCharacteristics)
                return true;
            // Sex is type 2 in the Patient module: empty; the others are type 3: gone.
            if (element->getTag() == DCM_PatientSex)
                element->putString("");
            else
                delete item.remove(element);
            return true;
        case Action::Descriptor:
            if (!m_options.cleanDescriptors || element->ident() == EVR_SQ) {
                delete item.remove(element);
                return true;
            }
            {
                OFString text;
                element->getOFStringArray(text);
                element->putString(cleaned(text.c_str(), m_identifying).c_str());
            }
            return true;
        }
        return false;
    }

    const DeidentifyOptions& m_options;
    Deidentifier& m_uids;
    std::vector<std::string> m_identifying;
};

bool hasBurnedInText(DcmDataset& data)
{
    OFString marked, modality, sopClass;
    const bool tagged = data.findAndGetOFString(DCM_BurnedInAnnotation, marked).good();
    if (tagged)
        return marked == "YES";
    data.findAndGetOFString(DCM_Modality, modality);
    data.findAndGetOFString(DCM_SOPClassUID, sopClass);
    // Ultrasound, secondary captures and "other" images carry text in their pixels as a rule.
    return modality == "US" || modality == "OT" || sopClass == UID_SecondaryCaptureImageStorage;
}

// Black (the smallest stored value) in each rectangle of every frame; false when the pixel
// data is not plain uncompressed samples.
bool mask(DcmDataset& data, const std::vector<DeidentifyOptions::Rect>& rects, std::string& why)
{
    Uint16 rows = 0, columns = 0, bitsAllocated = 0, samples = 1, pixelRepresentation = 0;
    data.findAndGetUint16(DCM_Rows, rows);
    data.findAndGetUint16(DCM_Columns, columns);
    data.findAndGetUint16(DCM_BitsAllocated, bitsAllocated);
    if (data.findAndGetUint16(DCM_SamplesPerPixel, samples).bad())
        samples = 1;
    data.findAndGetUint16(DCM_PixelRepresentation, pixelRepresentation);
    Sint32 frames = 1;
    if (data.findAndGetSint32(DCM_NumberOfFrames, frames).bad())
        frames = 1;  // single-frame (DCMTK zeroes the output of a failed lookup)
    DcmElement* pixels = nullptr;
    if (data.findAndGetElement(DCM_PixelData, pixels).bad() || !pixels) {
        why = "no pixel data to mask";
        return false;
    }
    if ((bitsAllocated != 8 && bitsAllocated != 16) || samples < 1 || frames < 1) {
        why = "masking needs 8 or 16 bits a sample";
        return false;
    }
    const size_t bytesPerSample = bitsAllocated / 8;
    const size_t frameBytes = size_t(rows) * columns * samples * bytesPerSample;
    if (pixels->getLength() < frameBytes * size_t(frames)) {
        why = "the pixel data is compressed or shorter than Rows x Columns x frames (masking needs it uncompressed)";
        return false;
    }
    Uint8* bytes = nullptr;
    if (pixels->getUint8Array(bytes).bad() || !bytes) {
        why = "the pixel data cannot be read";
        return false;
    }
    // Black: 0 for unsigned samples, the most negative value for signed 16-bit ones.
    const Uint16 black16 = pixelRepresentation ? 0x8000 : 0;
    for (Sint32 f = 0; f < frames; ++f)
        for (const auto& r : rects)
            for (int y = std::max(0, r.y); y < std::min<int>(rows, r.y + r.height); ++y)
                for (int x = std::max(0, r.x); x < std::min<int>(columns, r.x + r.width); ++x)
                    for (int s = 0; s < samples; ++s) {
                        Uint8* at = bytes + size_t(f) * frameBytes + ((size_t(y) * columns + x) * samples + s) * bytesPerSample;
                        if (bytesPerSample == 1) {
                            *at = 0;
                        } else {
                            at[0] = Uint8(black16 & 0xFF);
                            at[1] = Uint8(black16 >> 8);
                        }
                    }
    return true;
}

void addCode(DcmItem& parent, const char* value, const char* meaning)
{
    DcmItem* code = nullptr;
    if (parent.findOrCreateSequenceItem(DCM_DeidentificationMethodCodeSequence, code, -2).good() && code) {
        code->putAndInsertString(DCM_CodeValue, value);
        code->putAndInsertString(DCM_CodingSchemeDesignator, "DCM");
        code->putAndInsertString(DCM_CodeMeaning, meaning);
    }
}

} // namespace

InstanceDeidentifier::InstanceDeidentifier(DeidentifyOptions options, Deidentifier& uids)
    : m_options(std::move(options))
    , m_uids(uids)
{
}

DeidentifyOutcome InstanceDeidentifier::write(const std::string& source, const std::string& folder)
{
    DeidentifyOutcome outcome;
    DcmFileFormat file;
    if (file.loadFile(source.c_str()).bad()) {
        outcome.reason = source + ": not a DICOM file DCMTK can read";
        return outcome;
    }
    DcmDataset& data = *file.getDataset();
    if (hasBurnedInText(data) && !m_options.acceptBurnedIn) {
        if (m_options.masks.empty()) {
            outcome.reason = source + ": the image may have text burned into its pixels (Burned In Annotation); mask it "
                                      "(rectangles) or accept it as it is";
            return outcome;
        }
        // Masking works on uncompressed samples: decompressed by DCMTK's codecs where registered.
        data.chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
        std::string why;
        if (!mask(data, m_options.masks, why)) {
            outcome.reason = source + ": cannot mask: " + why;
            return outcome;
        }
        data.putAndInsertString(DCM_BurnedInAnnotation, "NO");
        outcome.masked = true;
    }
    // What descriptions must not mention: the patient's names and ID.
    OFString name, id;
    data.findAndGetOFString(DCM_PatientName, name);
    data.findAndGetOFString(DCM_PatientID, id);
    std::vector<std::string> identifying{id.c_str()};
    for (std::string rest = name.c_str(); !rest.empty();) {
        const size_t caret = rest.find('^');
        identifying.push_back(rest.substr(0, caret));
        rest = caret == std::string::npos ? "" : rest.substr(caret + 1);
    }

    Walker(m_options, m_uids, identifying).item(data);
    CaptureIdentity original;
    original.patient.name = name.c_str();
    original.patient.id = id.c_str();
    const CaptureIdentity pseudonym = m_uids.apply(original);
    data.putAndInsertString(DCM_PatientName, pseudonym.patient.name.c_str());
    data.putAndInsertString(DCM_PatientID, pseudonym.patient.id.c_str());
    data.putAndInsertString(DCM_PatientIdentityRemoved, "YES");
    data.putAndInsertString(DCM_DeidentificationMethod, Deidentifier::method());
    data.findAndDeleteElement(DCM_DeidentificationMethodCodeSequence);
    addCode(data, "113100", "Basic Application Confidentiality Profile");
    if (m_options.retainLongitudinalDates)
        addCode(data, "113106", "Retain Longitudinal Temporal Information Full Dates Option");
    if (m_options.retainPatientCharacteristics)
        addCode(data, "113108", "Retain Patient Characteristics Option");
    if (m_options.cleanDescriptors)
        addCode(data, "113105", "Clean Descriptors Option");
    data.putAndInsertString(DCM_LongitudinalTemporalInformationModified, m_options.retainLongitudinalDates ? "UNMODIFIED" : "REMOVED");

    // The meta header follows the new SOP Instance UID (DCMTK rewrites it on save).
    OFString sopInstance;
    data.findAndGetOFString(DCM_SOPInstanceUID, sopInstance);
    file.getMetaInfo()->findAndDeleteElement(DCM_MediaStorageSOPInstanceUID);
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    outcome.file = folder + "/" + (sopInstance.empty() ? "instance" : sopInstance.c_str()) + ".dcm";
    const E_TransferSyntax syntax = outcome.masked ? EXS_LittleEndianExplicit : EXS_Unknown;
    if (file.saveFile(outcome.file.c_str(), syntax).bad()) {
        outcome.reason = outcome.file + ": cannot be written";
        return outcome;
    }
    outcome.written = true;
    return outcome;
}

} // namespace hf
