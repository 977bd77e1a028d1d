#include "hf/dicomio/PresentationState.h"

#include "AnnotationGraphic.h"
#include "SrContent.h"

#include <dcmtk/dcmdata/dcsequen.h>

#include <map>
#include <tuple>

namespace hf {
namespace {

const char* kLayer = "HOUNSFIELD";

DcmItem& newItem(DcmItem& parent, const DcmTagKey& seq)
{
    DcmItem* item = nullptr;
    parent.findOrCreateSequenceItem(seq, item, -2);
    return *item;
}

void referenceImage(DcmItem& parent, const ImageReference& image)
{
    DcmItem& ref = newItem(parent, DCM_ReferencedImageSequence);
    ref.putAndInsertString(DCM_ReferencedSOPClassUID, image.sopClassUid.c_str());
    ref.putAndInsertString(DCM_ReferencedSOPInstanceUID, image.sopInstanceUid.c_str());
    if (image.frameCount > 1)
        ref.putAndInsertString(DCM_ReferencedFrameNumber, std::to_string(image.frame).c_str());
}

void addGraphic(DcmItem& annotation, const std::string& type, const std::vector<std::array<double, 2>>& points, bool closed)
{
    DcmItem& g = newItem(annotation, DCM_GraphicObjectSequence);
    g.putAndInsertString(DCM_GraphicAnnotationUnits, "PIXEL");
    g.putAndInsertUint16(DCM_GraphicDimensions, 2);
    g.putAndInsertUint16(DCM_NumberOfGraphicPoints, Uint16(points.size()));
    std::vector<Float32> data;
    for (const auto& p : points) {
        data.push_back(Float32(p[0]));
        data.push_back(Float32(p[1]));
    }
    g.putAndInsertFloat32Array(DCM_GraphicData, data.data(), data.size());
    g.putAndInsertString(DCM_GraphicType, type.c_str());
    if (closed)
        g.putAndInsertString(DCM_GraphicFilled, "N");
}

void addText(DcmItem& annotation, const std::string& text, const std::array<double, 2>& anchor)
{
    DcmItem& t = newItem(annotation, DCM_TextObjectSequence);
    t.putAndInsertString(DCM_AnchorPointAnnotationUnits, "PIXEL");
    t.putAndInsertOFStringArray(DCM_UnformattedTextValue, OFString(text.c_str(), text.size()));
    const Float32 point[2] = {Float32(anchor[0]), Float32(anchor[1])};
    t.putAndInsertFloat32Array(DCM_AnchorPoint, point, 2);
    t.putAndInsertString(DCM_AnchorPointVisibility, "N");
}

std::string valueText(const AnnotationRecord& a)
{
    std::string text = a.label;
    for (const AnnotationValue& v : a.values) {
        if (v.name == "pixels" || v.name == "min" || v.name == "max")
            continue;
        char number[64];
        std::snprintf(number, sizeof number, "%s%s %.1f %s", text.empty() ? "" : ", ", v.name.c_str(), v.value,
                      v.unit.c_str());
        text += number;
    }
    return text;
}

void addAnnotationGraphics(DcmItem& item, const AnnotationRecord& a)
{
    const Graphic g = graphicOf(a);
    if (g.pixels.empty())
        return;
    const std::string& k = a.kind;
    if (k == "text") {
        addText(item, a.label, g.pixels.front());
        return;
    }
    if (k == "point")
        addGraphic(item, "POINT", g.pixels, false);
    else if (k == "cobb" && g.pixels.size() == 4) {
        addGraphic(item, "POLYLINE", {g.pixels[0], g.pixels[1]}, false);
        addGraphic(item, "POLYLINE", {g.pixels[2], g.pixels[3]}, false);
    } else if (k == "ellipse")
        addGraphic(item, "ELLIPSE", g.pixels, true);
    else
        addGraphic(item, "POLYLINE", g.pixels, k == "rectangle" || k == "polygon" || k == "freehand");
    const std::string text = valueText(a);
    if (!text.empty())
        addText(item, text, g.pixels.back());
}

} // namespace

bool writePresentationState(const std::string& path, const StudyAnnotationSet& set, const ObjectInstance& instance)
{
    // Live annotations by image (SOP instance and frame), in a stable order.
    std::map<std::pair<std::string, int>, std::vector<const AnnotationRecord*>> byImage;
    for (const AnnotationRecord& a : set.annotations)
        if (!a.deleted && !a.image.sopInstanceUid.empty() && !a.pixels.empty())
            byImage[{a.image.sopInstanceUid, a.image.frame}].push_back(&a);
    if (byImage.empty())
        return false;
    std::vector<ImageReference> images;
    for (const auto& [key, list] : byImage)
        images.push_back(list.front()->image);

    DcmFileFormat file;
    DcmDataset& ds = *file.getDataset();
    sr::putHeader(ds, set.patient, set.study, instance, kGrayscalePresentationStateClass, "PR", "Hounsfield annotations");
    ds.insertEmptyElement(DCM_Laterality);  // type 2C: not a paired body part that we know of
    ds.putAndInsertString(DCM_ContentLabel, "HOUNSFIELD");
    ds.putAndInsertString(DCM_ContentDescription, "Annotations and measurements from Hounsfield");
    ds.putAndInsertString(DCM_PresentationCreationDate, instance.contentDateTime.substr(0, 8).c_str());
    ds.putAndInsertString(DCM_PresentationCreationTime, instance.contentDateTime.substr(8, 6).c_str());
    ds.putAndInsertOFStringArray(DCM_ContentCreatorName, OFString(instance.author.c_str()));

    // Presentation State Relationship: the images by series.
    std::vector<std::string> seriesDone;
    for (const ImageReference& first : images) {
        if (std::find(seriesDone.begin(), seriesDone.end(), first.seriesUid) != seriesDone.end())
            continue;
        seriesDone.push_back(first.seriesUid);
        DcmItem& series = newItem(ds, DCM_ReferencedSeriesSequence);
        series.putAndInsertString(DCM_SeriesInstanceUID, first.seriesUid.c_str());
        for (const ImageReference& image : images)
            if (image.seriesUid == first.seriesUid)
                referenceImage(series, image);
    }
    // Displayed area: the whole image, scaled to fit.
    for (const ImageReference& image : images) {
        DcmItem& area = newItem(ds, DCM_DisplayedAreaSelectionSequence);
        referenceImage(area, image);
        const std::string bottomRight = std::to_string(std::max(1, image.columns)) + "\\" + std::to_string(std::max(1, image.rows));
        area.putAndInsertString(DCM_DisplayedAreaTopLeftHandCorner, "1\\1");
        area.putAndInsertString(DCM_DisplayedAreaBottomRightHandCorner, bottomRight.c_str());
        area.putAndInsertString(DCM_PresentationSizeMode, "SCALE TO FIT");
        area.putAndInsertString(DCM_PresentationPixelAspectRatio, "1\\1");
    }
    // Graphic layer and annotations.
    DcmItem& layer = newItem(ds, DCM_GraphicLayerSequence);
    layer.putAndInsertString(DCM_GraphicLayer, kLayer);
    layer.putAndInsertString(DCM_GraphicLayerOrder, "1");
    layer.putAndInsertString(DCM_GraphicLayerDescription, "Hounsfield annotations");
    for (const auto& [key, list] : byImage) {
        DcmItem& annotation = newItem(ds, DCM_GraphicAnnotationSequence);
        referenceImage(annotation, list.front()->image);
        annotation.putAndInsertString(DCM_GraphicLayer, kLayer);
        for (const AnnotationRecord* a : list)
            addAnnotationGraphics(annotation, *a);
    }
    // The reader's window, and the modality LUT when every image shares one.
    for (const ImageReference& image : images) {
        if (image.windowWidth <= 0)
            continue;
        DcmItem& voi = newItem(ds, DCM_SoftcopyVOILUTSequence);
        referenceImage(voi, image);
        voi.putAndInsertString(DCM_WindowCenter, sr::decimal(image.windowCenter).c_str());
        voi.putAndInsertString(DCM_WindowWidth, sr::decimal(std::max(1.0, image.windowWidth)).c_str());
    }
    const ImageReference& first = images.front();
    bool sameRescale = first.hasRescale;
    for (const ImageReference& image : images)
        sameRescale = sameRescale && image.hasRescale && image.rescaleSlope == first.rescaleSlope &&
                      image.rescaleIntercept == first.rescaleIntercept;
    if (sameRescale) {
        ds.putAndInsertString(DCM_RescaleIntercept, sr::decimal(first.rescaleIntercept).c_str());
        ds.putAndInsertString(DCM_RescaleSlope, sr::decimal(first.rescaleSlope).c_str());
        ds.putAndInsertString(DCM_RescaleType, first.rescaleType.empty() ? "US" : first.rescaleType.c_str());
    }
    ds.putAndInsertString(DCM_PresentationLUTShape, first.photometric == "MONOCHROME1" ? "INVERSE" : "IDENTITY");
    sr::saveObject(file, path);
    return true;
}

} // namespace hf
