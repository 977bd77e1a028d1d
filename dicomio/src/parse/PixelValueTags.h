#pragma once
// The tags that turn stored pixel values into what a reader sees and measures: rescale (and RT
// Dose's Dose Grid Scaling with its units), windows, VOI and Modality LUTs, the Real World Value
// Mapping and the Sequence of Ultrasound Regions. Read into a FrameHeader by FrameHeaderReader.

namespace hf {

class ElementSet;
struct FrameHeader;

void readRescale(const ElementSet& ds, FrameHeader& h);
void readWindows(const ElementSet& ds, FrameHeader& h);
void readVoiLut(const ElementSet& ds, FrameHeader& h);
void readModalityLut(const ElementSet& ds, FrameHeader& h);
void readRealWorldMapping(const ElementSet& ds, FrameHeader& h);
void readUltrasoundRegions(const ElementSet& ds, FrameHeader& h);

} // namespace hf
