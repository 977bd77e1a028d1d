#pragma once
// The unit a volume's values are measured in, and the factor into it: HU on CT, SUV on PET
// with a factor, Bq/mL on PET without, what the file names (Gy for RT Dose), none otherwise.
// Internal to the measurements.
#include "hf/dicomio/Volume.h"

#include <string>

namespace hf {

struct ValueUnit {
    std::string unit, calibration;
    double factor = 1;
};

inline ValueUnit valueUnitOf(const Volume& volume)
{
    if (volume.petValues) {
        if (volume.suv.ok)
            return {volume.suv.kind, volume.suv.calibration(), volume.suv.factor};
        return {"Bq/mL", {}, 1};
    }
    if (!volume.valueUnits.empty())
        return {volume.valueUnits, {}, 1};
    return {volume.modality == "CT" ? "HU" : "", {}, 1};
}

} // namespace hf
