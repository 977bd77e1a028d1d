# Rewrites an image with pydicom (another implementation than ours) in the retired form of
# overlays: 12-bit unsigned values (Rescale Intercept -1024, the same Hounsfield units) and an
# overlay plane (6000) kept in bit 15 of the pixel data: a filled rectangle of rows R0..R1,
# columns C0..C1 (1-based, inclusive). Prints the stored value at (R0, C0) less the overlay bit.
# Usage: add-highbit-overlay.py FILE R0 R1 C0 C1
import sys
import numpy as np
import pydicom
path, r0, r1, c0, c1 = sys.argv[1], *map(int, sys.argv[2:6])
ds = pydicom.dcmread(path)
hu = ds.pixel_array.astype(np.int64) * float(getattr(ds, 'RescaleSlope', 1)) + float(getattr(ds, 'RescaleIntercept', 0))
stored = np.clip(np.rint(hu) + 1024, 0, 4095).astype(np.uint16)
mask = np.zeros(stored.shape, dtype=bool)
mask[r0 - 1:r1, c0 - 1:c1] = True
words = stored | (mask.astype(np.uint16) << 15)
ds.BitsAllocated = 16
ds.BitsStored = 12
ds.HighBit = 11
ds.PixelRepresentation = 0
ds.RescaleSlope = 1
ds.RescaleIntercept = -1024
ds.PixelData = words.astype('<u2').tobytes()
ds['PixelData'].VR = 'OW'
ds.add_new(0x60000010, 'US', ds.Rows)
ds.add_new(0x60000011, 'US', ds.Columns)
ds.add_new(0x60000022, 'LO', 'high bit rectangle')
ds.add_new(0x60000040, 'CS', 'G')
ds.add_new(0x60000050, 'SS', [1, 1])
ds.add_new(0x60000100, 'US', 16)
ds.add_new(0x60000102, 'US', 15)
ds.save_as(path)
print(int(stored[r0 - 1, c0 - 1]))
