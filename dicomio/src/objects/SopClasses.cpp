#include "hf/dicomio/SopClasses.h"

#include <array>

namespace hf {
namespace {

struct KnownClass {
    const char* uid;
    const char* name;
    const char* kind;
};

// PS3.4 Annex B.5 / PS3.6 Annex A: the storage classes that carry no image to stack.
constexpr std::array kNonImageClasses{
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.11", "Basic Text SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.22", "Enhanced SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.33", "Comprehensive SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.34", "Comprehensive 3D SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.35", "Extensible SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.40", "Procedure Log", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.50", "Mammography CAD SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.59", "Key Object Selection Document", "KO"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.65", "Chest CAD SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.67", "X-Ray Radiation Dose SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.68", "Radiopharmaceutical Radiation Dose SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.69", "Colon CAD SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.70", "Implantation Plan SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.71", "Acquisition Context SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.72", "Simplified Adult Echo SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.73", "Patient Radiation Dose SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.74", "Planned Imaging Agent Administration SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.75", "Performed Imaging Agent Administration SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.88.76", "Enhanced X-Ray Radiation Dose SR", "SR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.1", "Grayscale Softcopy Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.2", "Color Softcopy Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.3", "Pseudo-Color Softcopy Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.4", "Blending Softcopy Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.5", "XA/XRF Grayscale Softcopy Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.6", "Grayscale Planar MPR Volumetric Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.7", "Compositing Planar MPR Volumetric Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.11.8", "Advanced Blending Presentation State", "PR"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.66", "Raw Data", "RAW"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.66.1", "Spatial Registration", "REG"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.66.2", "Spatial Fiducials", "REG"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.66.3", "Deformable Spatial Registration", "REG"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.66.4", "Segmentation", "SEG"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.66.5", "Surface Segmentation", "SEG"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.66.6", "Tractography Results", "SEG"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.481.3", "RT Structure Set", "RTSTRUCT"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.481.4", "RT Beams Treatment Record", "RTRECORD"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.481.5", "RT Plan", "RTPLAN"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.481.6", "RT Brachy Treatment Record", "RTRECORD"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.481.7", "RT Treatment Summary Record", "RTRECORD"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.481.8", "RT Ion Plan", "RTPLAN"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.481.9", "RT Ion Beams Treatment Record", "RTRECORD"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.104.1", "Encapsulated PDF", "DOC"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.104.2", "Encapsulated CDA", "DOC"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.104.3", "Encapsulated STL", "DOC"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.104.4", "Encapsulated OBJ", "DOC"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.104.5", "Encapsulated MTL", "DOC"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.1.1", "12-lead ECG Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.1.2", "General ECG Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.1.3", "Ambulatory ECG Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.2.1", "Hemodynamic Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.3.1", "Cardiac Electrophysiology Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.4.1", "Basic Voice Audio Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.4.2", "General Audio Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.5.1", "Arterial Pulse Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.1.1.9.6.1", "Respiratory Waveform", "WAVEFORM"},
    KnownClass{"1.2.840.10008.5.1.4.38.1", "Hanging Protocol", "OT"},
    KnownClass{"1.2.840.10008.5.1.4.39.1", "Color Palette", "OT"},
};

const KnownClass* findClass(const std::string& uid)
{
    for (const KnownClass& c : kNonImageClasses)
        if (uid == c.uid)
            return &c;
    return nullptr;
}

} // namespace

SopClassInfo sopClassInfo(const std::string& sopClassUid)
{
    if (const KnownClass* c = findClass(sopClassUid))
        return {c->name, c->kind};
    return {sopClassUid, {}};
}

bool isNonImageClass(const std::string& sopClassUid)
{
    return findClass(sopClassUid) != nullptr;
}

bool isImageStorageClass(const std::string& sopClassUid)
{
    const std::string storage = "1.2.840.10008.5.1.4.1.1.";
    if (sopClassUid.rfind(storage, 0) != 0 || isNonImageClass(sopClassUid))
        return false;
    const std::string rest = sopClassUid.substr(storage.size());
    if (rest == "481.1")  // RT Image (RT Dose may hold only dose-volume histograms)
        return true;
    // The first component after the storage root names the family (PS3.6 Annex A).
    static const char* const imageFamilies[] = {"1", "2", "3", "4", "5", "6", "7", "8", "12", "13", "14", "20", "30", "77", "128", "129", "130"};
    const std::string family = rest.substr(0, rest.find('.'));
    for (const char* f : imageFamilies)
        if (family == f)
            return true;
    return false;
}

} // namespace hf
