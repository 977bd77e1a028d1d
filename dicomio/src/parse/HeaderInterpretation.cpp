#include "HeaderInterpretation.h"

#include "DicomDirReader.h"
#include "FrameHeaderReader.h"
#include "HighBitOverlays.h"

#include "hf/dicomio/HeaderScanner.h"

namespace hf {
namespace {

// Float samples have no rescale; their Real World Value Mapping gives the values and units.
void useFloatSamples(FrameHeader& h)
{
    h.floatSamples = true;
    h.pixelSigned = true;
    h.bitsStored = h.bitsAllocated;
    h.highBit = h.bitsAllocated - 1;
    h.rescaleSlope = h.hasRealWorldMapping ? h.realWorldSlope : 1;
    h.rescaleIntercept = h.hasRealWorldMapping ? h.realWorldIntercept : 0;
    if (h.hasRealWorldMapping && !h.realWorldUnits.empty())
        h.valueUnits = h.realWorldUnits;
}

} // namespace

void interpretHeader(const std::string& path, const HeaderStructure& structure, const ElementSet& meta,
                     const ElementSet& dataSet, bool syntaxFromPreflight, ScanResult& result)
{
    if (isDicomDir(meta)) {
        result.referencedFiles = referencedFiles(path, dataSet, result.errors);
        return;
    }
    const size_t before = result.frames.size();
    const size_t objectsBefore = result.objects.size();
    FrameHeaderReader(path, meta, dataSet).appendTo(result.frames, result.objects, result.errors);
    for (size_t i = objectsBefore; i < result.objects.size(); ++i)
        result.objects[i].fileSize = structure.fileSize;
    for (size_t i = before; i < result.frames.size(); ++i) {
        FrameHeader& frame = result.frames[i];
        if (syntaxFromPreflight)
            frame.transferSyntax = structure.transferSyntax;
        if (structure.pixelDataElement != 0x0010)
            useFloatSamples(frame);
        frame.fileSize = structure.fileSize;
        frame.pixelDataOffset = structure.pixelDataOffset;
        frame.pixelDataLength = structure.pixelDataLength;
        fillHighBitOverlays(frame);
    }
}

} // namespace hf
