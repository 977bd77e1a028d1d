#pragma once
// The tags that turn stored pixel values into what a reader sees and measures: rescale (and RT
// Dose's Dose Grid Scaling with its units), windows, VOI and Modality LUTs, the Real World Value
// Mapping and the Sequence of Ultrasound Regions. Read into a FrameHeader by FrameHeaderReader.

namespace gdcm { class DataSet; }

namespace hf {

struct FrameHeader;

void readRescale(const gdcm::DataSet& ds, FrameHeader& h);
void readWindows(const gdcm::DataSet& ds, FrameHeader& h);
void readVoiLut(const gdcm::DataSet& ds, FrameHeader& h);
void readModalityLut(const gdcm::DataSet& ds, FrameHeader& h);
void readRealWorldMapping(const gdcm::DataSet& ds, FrameHeader& h);
void readUltrasoundRegions(const gdcm::DataSet& ds, FrameHeader& h);

} // namespace hf
