#!/usr/bin/python3
"""Prints what independent decoders say every test image holds, one TSV row per file.

Run by tests/dicomio/ReferenceDecodeTest.cpp each time (about 10 s; needs dcmtk, python3-pydicom,
python3-numpy; see scripts/setup-debian.sh):
    tests/reference/make-expectations.py ../shared/corpus /usr/lib/python3/dist-packages/pydicom/data/test_files

Compressed files are first decompressed by DCMTK (dcmdjpeg, dcmdjpls, dcmdrle: its own codecs,
not GDCM's) to explicit VR little endian, then read by pydicom with numpy; native files are read
by pydicom directly (DCMTK's dcmconv swaps 32-bit big endian OW values as 16-bit words, pydicom
as 32-bit values, which gives the little endian original's values). Values are modality values
(rescale slope/intercept applied, and Dose Grid Scaling for RT Dose: Gy); colour images give
stats over all channels. Files DCMTK cannot decode (JPEG 2000: free DCMTK has no codec; HTJ2K)
are left out: the nine-syntax dcm_qa_ts test covers J2K against the other syntaxes, HtJ2kTest
compares HTJ2K with the uncompressed originals.
"""
import os
import subprocess
import sys
import tempfile
import warnings

import numpy
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut, convert_color_space

DECODERS = {
    "1.2.840.10008.1.2.4.50": "dcmdjpeg", "1.2.840.10008.1.2.4.51": "dcmdjpeg",
    "1.2.840.10008.1.2.4.57": "dcmdjpeg", "1.2.840.10008.1.2.4.70": "dcmdjpeg",
    "1.2.840.10008.1.2.4.80": "dcmdjpls", "1.2.840.10008.1.2.4.81": "dcmdjpls",
    "1.2.840.10008.1.2.5": "dcmdrle",
}
NATIVE = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"}


def expectations(path, root, tmp):
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
    except Exception:
        return None
    if "Rows" not in ds or "PixelData" not in pydicom.dcmread(path, specific_tags=["PixelData"]):
        return None
    ts = str(ds.file_meta.TransferSyntaxUID) if "TransferSyntaxUID" in getattr(ds, "file_meta", {}) else "1.2.840.10008.1.2"
    tool = DECODERS.get(ts, "pydicom" if ts in NATIVE else None)
    if tool is None:
        return None
    out = os.path.join(tmp, "decoded.dcm")
    if tool == "pydicom":
        out = path
    elif subprocess.run([tool, path, out], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        return None
    try:
        d = pydicom.dcmread(out)
        pixels = d.pixel_array
    except Exception:
        return None
    frames = int(getattr(d, "NumberOfFrames", 1) or 1)
    if getattr(d, "SamplesPerPixel", 1) == 1 and "PerFrameFunctionalGroupsSequence" not in d:
        pixels = apply_modality_lut(pixels, d)
        if "DoseGridScaling" in d and "RescaleSlope" not in d:
            pixels = pixels * float(d.DoseGridScaling)
    elif "PerFrameFunctionalGroupsSequence" in d:
        return None  # per-frame rescale: pydicom 2.3 does not apply it
    elif d.PhotometricInterpretation in ("YBR_FULL", "YBR_FULL_422"):
        pixels = convert_color_space(pixels, "YBR_FULL", "RGB")  # what a viewer shows
    values = numpy.asarray(pixels, dtype=numpy.float64)
    return (os.path.relpath(path, root), ts, frames, int(d.Rows), int(d.Columns), int(getattr(d, "SamplesPerPixel", 1)),
            int(d.BitsAllocated), values.min(), values.max(), values.mean())


def main():
    warnings.simplefilter("ignore")  # pydicom's remarks on odd test files are not results
    print("file\ttransfer_syntax\tframes\trows\tcolumns\tsamples\tbits_allocated\tmin\tmax\tmean")
    with tempfile.TemporaryDirectory() as tmp:
        for top in sys.argv[1:]:
            root = os.path.dirname(os.path.abspath(top))
            for folder, _, files in sorted(os.walk(top)):
                for name in sorted(files):
                    row = expectations(os.path.join(folder, name), root, tmp)
                    if row:
                        print("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.6g\t%.6g\t%.9g" % row)


if __name__ == "__main__":
    main()
