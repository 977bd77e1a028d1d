#pragma once
// The four corners' text for a 2D view, each list most important line first (the overlay drops
// lines from the end when the view is small). Pure functions; any thread.
#include "hf/dicomio/SeriesOpening.h"
#include "hf/dicomio/StudyModel.h"

#include <QString>

#include <array>
#include <string>
#include <vector>

namespace hf {

class SliceScene;

// "45Y" from a birth date and the study date (both YYYYMMDD); months under two years, days
// under a month, as DICOM ages are written. Empty when either date is missing.
QString ageAtStudy(const QString& birthDate, const QString& studyDate);

std::array<std::vector<std::string>, 4> composeCornerText(const SeriesContext& series, const StackPosition& stack, const SliceScene& scene);

} // namespace hf
