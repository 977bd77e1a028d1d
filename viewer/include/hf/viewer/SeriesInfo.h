#pragma once
// What a 2D view says about the series it shows (corner text, window title). Value type.
#include <QString>

namespace hf {

struct SeriesInfo {
    QString patientName, patientId, patientBirthDate, patientSex;
    QString studyUid, studyDate, studyTime, studyDescription;
    QString seriesUid, seriesDescription, modality;
    int seriesNumber = 0;
};

} // namespace hf
