#pragma once
// How a voxel's value reads in the probe and what unit the corner names: HU for CT, SUV for a
// PET volume with its factor (the activity beside it), Bq/mL with the reason where SUV cannot
// be computed, "value" otherwise. GUI thread (Qt strings), any view.
#include <QString>

namespace hf {

class Volume;

QString probeValueText(const Volume& volume, double value);
// The PET corner line ("SUVbw" or "Bq/mL: no SUV, REASON"); empty for other volumes.
QString petUnitLine(const Volume& volume);

} // namespace hf
