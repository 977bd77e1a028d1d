#include "hf/viewer/ValueText.h"

#include "hf/dicomio/Volume.h"

namespace hf {

QString probeValueText(const Volume& volume, double value)
{
    if (volume.petValues) {
        const QString units = "Bq/mL";
        if (volume.suv.ok)
            return QString("%1 %2 (%3 %4)").arg(QString::fromStdString(volume.suv.kind)).arg(value * volume.suv.factor, 0, 'f', 2).arg(value, 0, 'g', 6).arg(units);
        return QString("%1 %2").arg(units).arg(value, 0, 'g', 6);
    }
    const QString units = !volume.valueUnits.empty() ? QString::fromStdString(volume.valueUnits) : volume.modality == "CT" ? "HU" : "value";
    return QString("%1 %2").arg(units).arg(value, 0, 'g', 6);
}

QString petUnitLine(const Volume& volume)
{
    if (!volume.petValues)
        return {};
    if (volume.suv.ok)
        return QString::fromStdString(volume.suv.kind);
    return "Bq/mL: no SUV, " + QString::fromStdString(volume.suv.reason);
}

} // namespace hf
