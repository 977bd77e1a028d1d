// The probe's words for a value: HU on CT, SUV (with the activity) on PET with a factor, Bq/mL
// where there is none; the PET corner line.
#include "hf/viewer/ValueText.h"

#include "hf/dicomio/Volume.h"

#include <catch2/catch.hpp>

using namespace hf;

TEST_CASE("probe values read in HU, SUV or Bq/mL, and the PET corner says which", "[viewer][pet]")
{
    StackGeometry g;
    g.columns = g.rows = g.slices = 1;
    Volume ct(g, VoxelType::Int16);
    ct.modality = "CT";
    CHECK(probeValueText(ct, -12) == "HU -12");
    Volume dose(g, VoxelType::Float32);
    dose.modality = "RTDOSE";
    dose.valueUnits = "Gy";  // what the loader reads from Dose Units
    CHECK(probeValueText(dose, 1.254) == "Gy 1.254");
    CHECK(petUnitLine(ct).isEmpty());
    Volume pet(g, VoxelType::Int16);
    pet.modality = "PT";
    pet.petValues = true;
    pet.suv.ok = true;
    pet.suv.kind = "SUVbw";
    pet.suv.factor = 0.00025;
    CHECK(probeValueText(pet, 40000) == "SUVbw 10.00 (40000 Bq/mL)");
    CHECK(petUnitLine(pet) == "SUVbw");
    pet.suv = SuvFactor{};
    pet.suv.reason = "Patient's Weight (0010,1030) missing or zero";
    CHECK(probeValueText(pet, 40000) == "Bq/mL 40000");
    CHECK(petUnitLine(pet) == "Bq/mL: no SUV, Patient's Weight (0010,1030) missing or zero");
}
