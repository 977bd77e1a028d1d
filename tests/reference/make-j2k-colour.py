#!/usr/bin/python3
"""Writes an RGB DICOM file as lossless JPEG 2000 with the reversible colour transform (YBR_RCT),
its codestream made by Pillow's OpenJPEG encoder with MCT on: GDCM's encoder keeps RGB without it.
Usage: make-j2k-colour.py SOURCE_RGB.dcm OUT.dcm"""
import io
import sys

import numpy
import pydicom
from PIL import Image
from pydicom.encaps import encapsulate
from pydicom.uid import JPEG2000Lossless

source, out = sys.argv[1], sys.argv[2]
d = pydicom.dcmread(source)
rgb = d.pixel_array
assert d.SamplesPerPixel == 3 and rgb.dtype == numpy.uint8, "an 8-bit RGB source is needed"
frames = rgb if int(getattr(d, "NumberOfFrames", 1)) > 1 else rgb[numpy.newaxis]
codestreams = []
for frame in frames:
    buffer = io.BytesIO()
    Image.fromarray(frame, "RGB").save(buffer, format="JPEG2000", no_jp2=True, irreversible=False, mct=1)
    codestreams.append(buffer.getvalue())
d.PixelData = encapsulate(codestreams)
d["PixelData"].is_undefined_length = True
d["PixelData"].VR = "OB"
d.PhotometricInterpretation = "YBR_RCT"
d.PlanarConfiguration = 0
d.file_meta.TransferSyntaxUID = JPEG2000Lossless
d.is_implicit_VR = False
d.is_little_endian = True
d.save_as(out, write_like_original=False)
