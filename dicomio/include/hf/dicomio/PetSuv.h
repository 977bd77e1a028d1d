#pragma once
// Standardized uptake value of a PET image, as QIBA's vendor-neutral SUV calculation (and the
// PET/CT anchors) compute it: the factor that turns the image's values (after its rescale) into
// SUV. Body weight (SUVbw, g/ml), lean body mass (SUVlbm, James' formula, g/ml) or body surface
// area (SUVbsa, Du Bois, cm2/ml). Units BQML (decay corrected to the series start (START), to the
// injection (ADMIN), or not at all (NONE, to the image's acquisition)), CNTS with Philips' SUV
// or activity scale factor, GML (already SUVbw). A missing or inconsistent tag gives no factor
// and a reason naming it (the image stays in Bq/mL). Any thread.
#include "hf/dicomio/FrameHeader.h"

#include <string>

namespace hf {

enum class SuvKind { BodyWeight, LeanBodyMass, BodySurfaceArea };

struct SuvFactor {
    bool ok = false;
    double factor = 0;           // SUV = rescaled value x factor
    std::string kind;            // "SUVbw", "SUVlbm", "SUVbsa"
    std::string unit;            // "g/ml" or "cm2/ml"
    double decaySeconds = 0;     // injection to the time the dose is decayed to
    double decayedDoseBq = 0;    // the injected dose at that time
    double bodyQuantity = 0;     // g of body weight or lean body mass, cm2 of surface
    std::string reason;          // why there is none, naming the tag
    std::string calibration() const { return kind + " from Radiopharmaceutical Information"; }
};

// `h`: one image of the series (its PET tags and acquisition time).
SuvFactor suvFactor(const FrameHeader& h, SuvKind kind = SuvKind::BodyWeight);

} // namespace hf
