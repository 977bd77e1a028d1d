# The SUV factor of a PET image computed with pydicom (another implementation than ours), after
# QIBA's vendor-neutral pseudo-code: Bq/mL to SUV for body weight (bw), lean body mass (lbm,
# James) or body surface area (bsa, Du Bois). Prints the factor, or "none" when the tags do not
# allow one. Usage: suv-factor.py FILE [bw|lbm|bsa]
import sys, datetime
import pydicom
ds = pydicom.dcmread(sys.argv[1])
kind = sys.argv[2] if len(sys.argv) > 2 else 'bw'
def when(date, time):
    time = str(time).replace(':', '')
    frac = float('0' + time[6:]) if len(time) > 6 else 0.0
    base = datetime.datetime.strptime(str(date) + time[:6].ljust(6, '0'), '%Y%m%d%H%M%S')
    return base + datetime.timedelta(seconds=frac)
units = ds.Units
if units == 'GML':
    print(1.0); sys.exit()
if units == 'CNTS' and (0x7053, 0x1000) in ds and kind == 'bw':
    print(float(ds[0x7053, 0x1000].value)); sys.exit()
scale = float(ds[0x7053, 0x1009].value) if units == 'CNTS' else 1.0
drug = ds.RadiopharmaceuticalInformationSequence[0]
dose, half = float(drug.RadionuclideTotalDose), float(drug.RadionuclideHalfLife)
weight = float(getattr(ds, 'PatientWeight', 0) or 0)
if weight <= 0:
    print('none'); sys.exit()
if ds.DecayCorrection == 'ADMIN':
    decay = 0.0
else:
    if ds.DecayCorrection == 'START':
        series = when(ds.SeriesDate, ds.SeriesTime)
        acquisition = when(ds.AcquisitionDate, ds.AcquisitionTime)
        reference = acquisition if series > acquisition else series
    else:  # NONE
        reference = when(ds.AcquisitionDate, ds.AcquisitionTime)
    start = drug.get('RadiopharmaceuticalStartDateTime')
    injection = when(str(start)[:8], str(start)[8:]) if start else when(ds.SeriesDate, drug.RadiopharmaceuticalStartTime)
    decay = (reference - injection).total_seconds()
    if decay < 0:
        print('none'); sys.exit()
decayed = dose * 2 ** (-decay / half)
height = float(getattr(ds, 'PatientSize', 0) or 0) * 100
if kind == 'bw':
    body = weight * 1000
elif kind == 'lbm':
    body = 1000 * ((1.10 * weight - 128 * (weight / height) ** 2) if ds.PatientSex == 'M' else (1.07 * weight - 148 * (weight / height) ** 2))
else:
    body = 0.007184 * weight ** 0.425 * height ** 0.725 * 1e4
print(repr(scale * body / decayed))
