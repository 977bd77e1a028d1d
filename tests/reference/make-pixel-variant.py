#!/usr/bin/python3
"""Writes a variant of an existing greyscale image in a pixel format no test file has, with pydicom:

    make-pixel-variant.py KIND SOURCE OUT

KIND: float32 (Float Pixel Data with a Real World Value Mapping: slope 2, intercept 1, mm2/s),
float64 (Double Float Pixel Data, no mapping), modality-lut (a 16-bit Modality LUT Sequence in
place of rescale slope/intercept), 1bit (Bits Allocated 1: stored above the median), 1bit-frames (three 5x5
frames of a pattern, 25 bits each, so frames start inside a byte), palette16 (16-bit indices into
16-bit palette tables), palette-segmented (the same as segmented tables),
us-regions (a colour ultrasound image given a B-mode region in cm over a Doppler strip in s and cm/s),
rgb-planar0 / rgb-planar1 (a colour source, e.g. pydicom's 16- or 32-bit RGB RLE, written native in
explicit VR little endian with Planar Configuration 0 or 1).
"""
import sys

import numpy
import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence


def without_integer_pixels(d):
    for keyword in ("PixelData", "BitsStored", "HighBit", "PixelRepresentation", "RescaleSlope", "RescaleIntercept",
                    "RescaleType", "SmallestImagePixelValue", "LargestImagePixelValue", "WindowCenter", "WindowWidth"):
        if keyword in d:
            delattr(d, keyword)


def main():
    kind, source, out = sys.argv[1:4]
    d = pydicom.dcmread(source)
    stored = d.pixel_array.astype(numpy.float64)
    if kind in ("float32", "float64"):
        values = stored * 0.25 - 3.5
        without_integer_pixels(d)
        if kind == "float32":
            d.BitsAllocated = 32
            d.FloatPixelData = values.astype("<f4").tobytes()
            mapping = Dataset()
            mapping.RealWorldValueSlope = 2.0
            mapping.RealWorldValueIntercept = 1.0
            mapping.LUTLabel = "ADC"
            units = Dataset()
            units.CodeValue = "mm2/s"
            units.CodingSchemeDesignator = "UCUM"
            units.CodeMeaning = "mm2/s"
            mapping.MeasurementUnitsCodeSequence = Sequence([units])
            d.RealWorldValueMappingSequence = Sequence([mapping])
        else:
            d.BitsAllocated = 64
            d.DoubleFloatPixelData = values.astype("<f8").tobytes()
    elif kind == "modality-lut":
        for keyword in ("RescaleSlope", "RescaleIntercept", "RescaleType", "WindowCenter", "WindowWidth"):
            if keyword in d:
                delattr(d, keyword)
        first = int(stored.min()) + 100  # values below it take the first entry
        entries = 1500                   # and values past the table its last
        item = Dataset()
        item.LUTDescriptor = [entries, first & 0xffff, 16]
        item.ModalityLUTType = "OD"
        item.add_new("LUTData", "OW", numpy.array([(i * 37) % 65536 for i in range(entries)], dtype="<u2").tobytes())
        d.ModalityLUTSequence = Sequence([item])
    elif kind in ("1bit", "1bit-frames"):
        from pydicom.pixel_data_handlers.numpy_handler import pack_bits
        mask = (d.pixel_array > numpy.median(d.pixel_array)).astype(numpy.uint8)
        without_integer_pixels(d)
        if kind == "1bit-frames":
            index = numpy.arange(25).reshape(5, 5)
            mask = numpy.stack([((index * (k + 1)) % 3 == 0).astype(numpy.uint8) for k in range(3)])
            d.NumberOfFrames = 3
            d.Rows = d.Columns = 5
        d.BitsAllocated = 1
        d.BitsStored = 1
        d.HighBit = 0
        d.PixelRepresentation = 0
        d.PixelData = pack_bits(mask)
        d["PixelData"].VR = "OB"
    elif kind == "us-regions":
        # A B-mode region above a PW Doppler strip (PS3.3 C.8.5.5), on a 640x480 image.
        def region(y0, y1, units_x, units_y, delta_x, delta_y, data_type):
            r = Dataset()
            r.RegionSpatialFormat = 1 if data_type == 1 else 3
            r.RegionDataType = data_type
            r.RegionFlags = 0
            r.RegionLocationMinX0, r.RegionLocationMinY0 = 0, y0
            r.RegionLocationMaxX1, r.RegionLocationMaxY1 = int(d.Columns) - 1, y1
            r.PhysicalUnitsXDirection, r.PhysicalUnitsYDirection = units_x, units_y
            r.PhysicalDeltaX, r.PhysicalDeltaY = delta_x, delta_y
            return r
        d.SequenceOfUltrasoundRegions = Sequence([region(0, 239, 3, 3, 0.02, 0.02, 1),
                                                  region(240, int(d.Rows) - 1, 4, 7, 0.004, 0.25, 3)])
        for keyword in ("PixelSpacing",):
            if keyword in d:
                delattr(d, keyword)
    elif kind in ("palette16", "palette-segmented"):
        indices = numpy.clip(d.pixel_array.astype(numpy.int64) - int(d.pixel_array.min()), 0, 4095).astype("<u2")
        without_integer_pixels(d)
        d.PhotometricInterpretation = "PALETTE COLOR"
        d.BitsAllocated = d.BitsStored = 16
        d.HighBit = 15
        d.PixelRepresentation = 0
        ramp = numpy.arange(4096, dtype=numpy.int64)
        tables = {"Red": ramp * 16, "Green": 65535 - ramp * 16, "Blue": (ramp * 37) % 65536}
        for colour, table in tables.items():
            d.add_new(getattr(pydicom.datadict, "tag_for_keyword")(colour + "PaletteColorLookupTableDescriptor"), "US", [4096, 0, 16])
            d.add_new(getattr(pydicom.datadict, "tag_for_keyword")(colour + "PaletteColorLookupTableData"), "OW",
                      table.astype("<u2").tobytes())
        d.PixelData = indices.tobytes()
        d["PixelData"].VR = "OW"
        if kind == "palette-segmented":
            # Discrete, linear and indirect segments (PS3.3 C.7.9.2), in place of the tables.
            segments = {"Red": [0, 1, 0, 1, 4095, 65535],
                        "Green": [0, 1, 65535, 1, 2047, 0, 1, 2048, 65535],
                        "Blue": [0, 3, 100, 200, 300, 1, 1000, 40000, 2, 1, 5, 0, 1, 2093, 0]}
            for colour, words in segments.items():
                keyword = colour + "PaletteColorLookupTableData"
                delattr(d, keyword)
                d.add_new(pydicom.datadict.tag_for_keyword("Segmented" + keyword), "OW", numpy.array(words, dtype="<u2").tobytes())
    elif kind in ("rgb-planar0", "rgb-planar1"):
        rgb = d.pixel_array  # frames x rows x columns x 3 (or rows x columns x 3)
        planar = kind == "rgb-planar1"
        if planar:
            rgb = numpy.moveaxis(rgb, -1, -3)  # R plane, G plane, B plane per frame
        d.PixelData = numpy.ascontiguousarray(rgb).astype(rgb.dtype.newbyteorder("<")).tobytes()
        d["PixelData"].VR = "OB" if d.BitsAllocated == 8 else "OW"
        d["PixelData"].is_undefined_length = False
        d.PlanarConfiguration = 1 if planar else 0
        d.file_meta.TransferSyntaxUID = pydicom.uid.ExplicitVRLittleEndian
        d.is_implicit_VR = False
        d.is_little_endian = True
    else:
        sys.exit("unknown kind " + kind)
    d.save_as(out, write_like_original=False)


if __name__ == "__main__":
    main()
