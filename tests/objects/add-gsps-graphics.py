# Edits a presentation state made by DCMTK's dcmpsmk with pydicom (two implementations other
# than ours): a red layer "FINDINGS" with a line from (10,12) to (50,12) and the text "lesion" at
# (30,40), both in PIXEL units on the image given, window 40/400, a horizontal flip and the label
# "READER 2". Usage: add-gsps-graphics.py PS.dcm IMAGE_SOP_INSTANCE_UID [MODE]
# MODE rotate90: no flip, Image Rotation 90 instead. MODE display: the line in DISPLAY units,
# from (0.25, 0.5) to (0.75, 0.5) of the displayed area (no flip). Modes combine: display+rotate90. MODE lut: no flip, and a VOI
# LUT table instead of the window (4096 entries from -1024: 0 below 0 HU, 255 from 0 HU up, 8
# bits) with Presentation LUT Shape INVERSE (below 0 HU white, the rest black). MODE overlay: no
# flip; the image's overlay group 6000 activated on layer FINDINGS, and an overlay plane of the
# state's own (6002: a filled rectangle, rows 50-60, columns 50-70) on the same layer.
import sys
import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
path, image = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else ''

ps = pydicom.dcmread(path)
layer = Dataset()
layer.GraphicLayer = 'FINDINGS'
layer.GraphicLayerOrder = 1
layer.GraphicLayerRecommendedDisplayCIELabValue = [34891, 53480, 50166]  # sRGB red
ps.GraphicLayerSequence = Sequence([layer])
ref = Dataset()
ref.ReferencedSOPClassUID = ps.ReferencedSeriesSequence[0].ReferencedImageSequence[0].ReferencedSOPClassUID
ref.ReferencedSOPInstanceUID = image
line = Dataset()
line.GraphicAnnotationUnits = 'PIXEL'
line.GraphicDimensions = 2
line.NumberOfGraphicPoints = 2
line.GraphicData = [10.0, 12.0, 50.0, 12.0]
line.GraphicType = 'POLYLINE'
line.GraphicFilled = 'N'
text = Dataset()
text.AnchorPointAnnotationUnits = 'PIXEL'
text.UnformattedTextValue = 'lesion'
text.AnchorPoint = [30.0, 40.0]
text.AnchorPointVisibility = 'N'
annotation = Dataset()
annotation.ReferencedImageSequence = Sequence([ref])
annotation.GraphicLayer = 'FINDINGS'
annotation.GraphicObjectSequence = Sequence([line])
annotation.TextObjectSequence = Sequence([text])
ps.GraphicAnnotationSequence = Sequence([annotation])
voi = Dataset()
voi.WindowCenter = 40
voi.WindowWidth = 400
ps.SoftcopyVOILUTSequence = Sequence([voi])
ps.ImageHorizontalFlip = 'N' if mode else 'Y'
if 'rotate90' in mode:
    ps.ImageRotation = 90
if mode == 'lut':
    table = Dataset()
    table.add_new(0x00283002, 'SS', [4096, -1024, 8])  # LUT Descriptor: entries, first mapped, bits
    table.LUTExplanation = 'threshold at 0 HU'
    table.add_new(0x00283006, 'OW', b''.join((0 if i < 1024 else 255).to_bytes(2, 'little') for i in range(4096)))
    voi = Dataset()
    voi.VOILUTSequence = Sequence([table])
    ps.SoftcopyVOILUTSequence = Sequence([voi])
    ps.PresentationLUTShape = 'INVERSE'
if mode == 'overlay':
    from pydicom.pixel_data_handlers.numpy_handler import pack_bits
    import numpy as np
    rows, columns = 128, 128
    for element in list(ps.keys()):
        if (element >> 16) == 0x6002:
            del ps[element]
    mask = np.zeros((rows, columns), dtype=np.uint8)
    mask[49:60, 49:70] = 1
    ps.add_new(0x60020010, "US", rows)
    ps.add_new(0x60020011, 'US', columns)
    ps.add_new(0x60020040, 'CS', 'G')
    ps.add_new(0x60020050, 'SS', [1, 1])
    ps.add_new(0x60020100, 'US', 1)
    ps.add_new(0x60020102, 'US', 0)
    ps.add_new(0x60021001, 'CS', 'FINDINGS')
    ps.add_new(0x60023000, 'OW', pack_bits(mask.ravel()))
    ps.add_new(0x60001001, 'CS', 'FINDINGS')
if 'display' in mode:
    line.GraphicAnnotationUnits = 'DISPLAY'
    line.GraphicData = [0.25, 0.5, 0.75, 0.5]
ps.ContentLabel = 'READER 2'
ps.Manufacturer = 'pydicom test'
ps.save_as(path)
