#include "hf/dicomio/ForeignPresentationState.h"

#include "ObjectFile.h"
#include "SrContent.h"
#include "hf/dicomio/Segmentation.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace hf {
namespace {

using objects::firstItem;
using objects::itemsOf;

constexpr unsigned long long kLargestState = 64ull << 20;
constexpr size_t kMostPoints = 1'000'000;

std::vector<std::string> referencedImages(DcmItem& item)
{
    std::vector<std::string> images;
    for (DcmItem* ref : itemsOf(item, DCM_ReferencedImageSequence))
        images.push_back(sr::getString(*ref, DCM_ReferencedSOPInstanceUID));
    return images;
}

std::vector<float> floatsOf(DcmItem& item, const DcmTagKey& tag)
{
    const Float32* values = nullptr;
    unsigned long count = 0;
    if (item.findAndGetFloat32Array(tag, values, &count).bad() || !values)
        return {};
    return {values, values + count};
}

long integerOf(DcmItem& item, const DcmTagKey& tag, unsigned long position = 0, long otherwise = 0)
{
    Sint32 v = 0;
    return item.findAndGetSint32(tag, v, position).good() ? long(v) : otherwise;
}

// The state's Display Shutter (PS3.3 C.7.6.11) and Bitmap Display Shutter (C.7.6.15) modules.
ImageOverlay readOverlayPlane(DcmItem& ds, Uint16 group, const std::string& path, const std::string& whose);

DisplayShutter readShutter(DcmDataset& ds, const std::string& path)
{
    DisplayShutter s;
    OFString shapes;
    for (unsigned long i = 0; ds.findAndGetOFString(DCM_ShutterShape, shapes, i).good(); ++i) {
        s.rectangular = s.rectangular || shapes == "RECTANGULAR";
        s.circular = s.circular || shapes == "CIRCULAR";
        s.polygonal = s.polygonal || shapes == "POLYGONAL";
        s.bitmap = s.bitmap || shapes == "BITMAP";
    }
    if (s.rectangular) {
        s.left = int(integerOf(ds, DCM_ShutterLeftVerticalEdge, 0, 1));
        s.right = int(integerOf(ds, DCM_ShutterRightVerticalEdge, 0, 1 << 16));
        s.upper = int(integerOf(ds, DCM_ShutterUpperHorizontalEdge, 0, 1));
        s.lower = int(integerOf(ds, DCM_ShutterLowerHorizontalEdge, 0, 1 << 16));
    }
    if (s.circular) {
        s.centreRow = int(integerOf(ds, DCM_CenterOfCircularShutter, 0));
        s.centreColumn = int(integerOf(ds, DCM_CenterOfCircularShutter, 1));
        s.radius = int(integerOf(ds, DCM_RadiusOfCircularShutter, 0));
        s.circular = s.radius > 0;
    }
    if (s.polygonal) {
        Sint32 v = 0;
        for (unsigned long i = 0; ds.findAndGetSint32(DCM_VerticesOfThePolygonalShutter, v, i).good(); ++i)
            s.vertices.push_back(int(v));
        s.polygonal = s.vertices.size() >= 6 && s.vertices.size() % 2 == 0;
    }
    Uint16 value = 0;
    if (ds.findAndGetUint16(DCM_ShutterPresentationValue, value).good())
        s.presentationValue = value;
    if (s.bitmap) {
        Uint16 group = 0;
        if (ds.findAndGetUint16(DCM_ShutterOverlayGroup, group).bad() || group < 0x6000 || group > 0x601E || group % 2)
            throw std::runtime_error(path + ": a BITMAP shutter without a valid Shutter Overlay Group (0018,1623)");
        s.bitmapPlane = readOverlayPlane(ds, group, path, "the BITMAP shutter's");
    }
    return s;
}

// An overlay plane the state carries (group 60xx): rows, columns, origin and Overlay Data, whose
// length is checked; `whose` names it in the error.
ImageOverlay readOverlayPlane(DcmItem& ds, Uint16 group, const std::string& path, const std::string& whose)
{
    ImageOverlay o;
    o.group = group;
    Uint16 rows = 0, columns = 0;
    ds.findAndGetUint16(DcmTagKey(group, 0x0010), rows);
    ds.findAndGetUint16(DcmTagKey(group, 0x0011), columns);
    o.rows = rows;
    o.columns = columns;
    Sint16 origin = 1;
    if (ds.findAndGetSint16(DcmTagKey(group, 0x0050), origin, 0).good())
        o.originRow = origin;
    if (ds.findAndGetSint16(DcmTagKey(group, 0x0050), origin, 1).good())
        o.originColumn = origin;
    Uint8* data = nullptr;
    const size_t needed = (size_t(o.rows) * size_t(o.columns) + 7) / 8;
    DcmElement* element = nullptr;
    if (needed == 0 || ds.findAndGetElement(DcmTagKey(group, 0x3000), element).bad() || !element || element->getUint8Array(data).bad() || !data
        || element->getLength() < needed) {
        char tag[16];
        std::snprintf(tag, sizeof tag, "(%04X,3000)", unsigned(group));
        throw std::runtime_error(path + ": " + whose + " Overlay Data " + tag + " is missing or shorter than its rows x columns");
    }
    o.bits.assign(data, data + needed);
    return o;
}

// Overlay Activation (60xx,1001): which overlay groups show, on which layer; a group whose
// Overlay Data the state holds is its own plane, any other the image's.
void readOverlayActivation(DcmDataset& ds, ForeignPresentationState& ps, const std::string& path)
{
    for (Uint16 group = 0x6000; group <= 0x601E; group += 2) {
        OFString layer;
        if (ds.findAndGetOFString(DcmTagKey(group, 0x1001), layer).bad() || layer.empty())
            continue;
        if (ds.tagExists(DcmTagKey(group, 0x3000))) {
            char name[32];
            std::snprintf(name, sizeof name, "its overlay %04X's", unsigned(group));
            ps.ownOverlays.push_back({layer.c_str(), readOverlayPlane(ds, group, path, name)});
        } else {
            ps.activatedImageOverlays.push_back({group, layer.c_str()});
        }
    }
}

// A VOI LUT Sequence item: LUT Descriptor (entries, 0 = 65536; first mapped value, signed when
// SS; bits 8..16) and LUT Data holding at least that many entries, else an error naming the tag.
VoiLut readVoiTable(DcmItem& item, const std::string& path)
{
    DcmElement* descriptor = nullptr;
    if (item.findAndGetElement(DCM_LUTDescriptor, descriptor).bad() || !descriptor || descriptor->getVM() < 3)
        throw std::runtime_error(path + ": VOI LUT Sequence item without a three-valued LUT Descriptor (0028,3002)");
    // US or SS; the first and third values are unsigned either way.
    Uint16 entries = 0, bits = 0;
    VoiLut lut;
    if (descriptor->getVR() == EVR_SS) {
        Sint16 values[3] = {0, 0, 0};
        for (unsigned long i = 0; i < 3; ++i)
            descriptor->getSint16(values[i], i);
        entries = Uint16(values[0]);
        lut.firstMapped = values[1];
        bits = Uint16(values[2]);
    } else {
        Uint16 first = 0;
        descriptor->getUint16(entries, 0);
        descriptor->getUint16(first, 1);
        descriptor->getUint16(bits, 2);
        lut.firstMapped = first;
    }
    if (bits < 8 || bits > 16)
        throw std::runtime_error(path + ": LUT Descriptor (0028,3002) gives " + std::to_string(bits) + " bits per entry, not 8 to 16");
    lut.bits = bits;
    const size_t count = entries == 0 ? 65536 : entries;
    const Uint16* data = nullptr;
    unsigned long stored = 0;
    DcmElement* element = nullptr;
    if (item.findAndGetElement(DCM_LUTData, element).bad() || !element || element->getUint16Array(const_cast<Uint16*&>(data)).bad() || !data)
        throw std::runtime_error(path + ": VOI LUT Sequence item without LUT Data (0028,3006)");
    stored = element->getLength() / 2;
    if (stored < count)
        throw std::runtime_error(path + ": LUT Data (0028,3006) holds " + std::to_string(stored) + " entries, its descriptor " + std::to_string(count));
    lut.data.assign(data, data + count);
    lut.explanation = sr::getString(item, DCM_LUTExplanation);
    return lut;
}

} // namespace

const PresentationLayer* ForeignPresentationState::layer(const std::string& name) const
{
    for (const PresentationLayer& l : layers)
        if (l.name == name)
            return &l;
    return nullptr;
}

bool ForeignPresentationState::appliesTo(const std::string& sopInstanceUid) const
{
    return std::find(images.begin(), images.end(), sopInstanceUid) != images.end();
}

ForeignPresentationState readForeignPresentationState(const std::string& path)
{
    const auto file = objects::loadObjectFile(path, kLargestState, "1.2.840.10008.5.1.4.1.1.11.", "a presentation state");
    DcmDataset& ds = *file->getDataset();
    auto fail = [&path](const std::string& reason) { return std::runtime_error(path + ": " + reason); };
    ForeignPresentationState ps;
    ps.path = path;
    ps.sopInstanceUid = sr::getString(ds, DCM_SOPInstanceUID);
    ps.seriesUid = sr::getString(ds, DCM_SeriesInstanceUID);
    ps.label = sr::getString(ds, DCM_ContentLabel);
    ps.description = sr::getString(ds, DCM_ContentDescription);
    ps.creator = sr::getString(ds, DCM_ContentCreatorName);
    ps.manufacturer = sr::getString(ds, DCM_Manufacturer);
    for (DcmItem* series : itemsOf(ds, DCM_ReferencedSeriesSequence))
        for (const std::string& image : referencedImages(*series))
            ps.images.push_back(image);
    for (DcmItem* item : itemsOf(ds, DCM_GraphicLayerSequence)) {
        PresentationLayer layer;
        layer.name = sr::getString(*item, DCM_GraphicLayer);
        Sint32 order = 0;
        item->findAndGetSint32(DCM_GraphicLayerOrder, order);
        layer.order = int(order);
        Uint16 lab[3];
        if (item->findAndGetUint16(DCM_GraphicLayerRecommendedDisplayCIELabValue, lab[0], 0).good()
            && item->findAndGetUint16(DCM_GraphicLayerRecommendedDisplayCIELabValue, lab[1], 1).good()
            && item->findAndGetUint16(DCM_GraphicLayerRecommendedDisplayCIELabValue, lab[2], 2).good()) {
            layer.colour = cieLabToRgb(lab[0], lab[1], lab[2]);
        } else if (Uint16 grey = 0; item->findAndGetUint16(DCM_GraphicLayerRecommendedDisplayGrayscaleValue, grey).good()) {
            const auto g = std::uint8_t(grey >> 8);
            layer.colour = {g, g, g};
        }
        ps.layers.push_back(std::move(layer));
    }
    size_t points = 0;
    for (DcmItem* annotation : itemsOf(ds, DCM_GraphicAnnotationSequence)) {
        const std::string layer = sr::getString(*annotation, DCM_GraphicLayer);
        const std::vector<std::string> images = referencedImages(*annotation);
        for (DcmItem* object : itemsOf(*annotation, DCM_GraphicObjectSequence)) {
            PresentationGraphic g;
            g.layer = layer;
            g.images = images;
            g.displayUnits = sr::getString(*object, DCM_GraphicAnnotationUnits) == "DISPLAY";
            g.type = sr::getString(*object, DCM_GraphicType);
            const auto data = floatsOf(*object, DCM_GraphicData);
            Uint16 declared = 0;
            object->findAndGetUint16(DCM_NumberOfGraphicPoints, declared);
            if (data.size() % 2 || data.size() / 2 != declared)
                throw fail("a graphic object of layer '" + layer + "': Graphic Data (0070,0022) holds " + std::to_string(data.size())
                           + " values, Number of Graphic Points (0070,0021) says " + std::to_string(declared));
            if ((points += declared) > kMostPoints)
                throw fail("more than " + std::to_string(kMostPoints) + " graphic points");
            for (size_t i = 0; i + 1 < data.size(); i += 2)
                g.points.push_back({data[i], data[i + 1]});
            ps.graphics.push_back(std::move(g));
        }
        for (DcmItem* object : itemsOf(*annotation, DCM_TextObjectSequence)) {
            PresentationGraphic t;
            t.layer = layer;
            t.images = images;
            t.type = "TEXT";
            t.text = sr::getString(*object, DCM_UnformattedTextValue);
            auto anchor = floatsOf(*object, DCM_AnchorPoint);
            bool display = sr::getString(*object, DCM_AnchorPointAnnotationUnits) == "DISPLAY";
            if (anchor.size() < 2) {  // else the bounding box's top-left corner
                anchor = floatsOf(*object, DCM_BoundingBoxTopLeftHandCorner);
                display = sr::getString(*object, DCM_BoundingBoxAnnotationUnits) == "DISPLAY";
            }
            if (anchor.size() < 2)
                throw fail("a text object of layer '" + layer + "' has neither Anchor Point (0070,0014) nor Bounding Box (0070,0010)");
            t.displayUnits = display;
            t.points.push_back({anchor[0], anchor[1]});
            ps.graphics.push_back(std::move(t));
        }
    }
    if (DcmItem* voi = firstItem(ds, DCM_SoftcopyVOILUTSequence)) {
        Float64 centre = 0, width = 0;
        if (voi->findAndGetFloat64(DCM_WindowCenter, centre).good() && voi->findAndGetFloat64(DCM_WindowWidth, width).good() && width > 0)
            ps.window = std::array<double, 2>{centre, width};
        if (DcmItem* table = firstItem(*voi, DCM_VOILUTSequence))
            ps.voiLut = readVoiTable(*table, path);
    }
    ps.presentationLutShape = sr::getString(ds, DCM_PresentationLUTShape);
    readOverlayActivation(ds, ps, path);
    ps.shutter = readShutter(ds, path);
    if (DcmItem* area = firstItem(ds, DCM_DisplayedAreaSelectionSequence)) {
        ForeignPresentationState::DisplayedArea a;
        Sint32 v = 0;
        const bool corners = area->findAndGetSint32(DCM_DisplayedAreaTopLeftHandCorner, v, 0).good() && (a.topLeft[0] = int(v), true)
                             && area->findAndGetSint32(DCM_DisplayedAreaTopLeftHandCorner, v, 1).good() && (a.topLeft[1] = int(v), true)
                             && area->findAndGetSint32(DCM_DisplayedAreaBottomRightHandCorner, v, 0).good() && (a.bottomRight[0] = int(v), true)
                             && area->findAndGetSint32(DCM_DisplayedAreaBottomRightHandCorner, v, 1).good() && (a.bottomRight[1] = int(v), true);
        a.sizeMode = sr::getString(*area, DCM_PresentationSizeMode);
        Float64 ratio = 1;
        if (area->findAndGetFloat64(DCM_PresentationPixelMagnificationRatio, ratio).good() && ratio > 0)
            a.magnification = ratio;
        if (corners && a.bottomRight[0] >= a.topLeft[0] && a.bottomRight[1] >= a.topLeft[1])
            ps.displayedArea = a;
    }
    Uint16 rotation = 0;
    if (ds.findAndGetUint16(DCM_ImageRotation, rotation).good())
        ps.rotation = rotation % 360;
    ps.flipHorizontal = sr::getString(ds, DCM_ImageHorizontalFlip) == "Y";
    return ps;
}

} // namespace hf
