# Adds an overlay plane (6000) with pydicom (another implementation than ours) to an image: a
# filled rectangle of rows R0..R1, columns C0..C1 (1-based, inclusive), stored as Overlay Data.
# Usage: add-overlay.py FILE R0 R1 C0 C1
import sys
import numpy as np
import pydicom
from pydicom.pixel_data_handlers.numpy_handler import pack_bits
path, r0, r1, c0, c1 = sys.argv[1], *map(int, sys.argv[2:6])
ds = pydicom.dcmread(path)
mask = np.zeros((ds.Rows, ds.Columns), dtype=np.uint8)
mask[r0 - 1:r1, c0 - 1:c1] = 1
ds.add_new(0x60000010, 'US', ds.Rows)
ds.add_new(0x60000011, 'US', ds.Columns)
ds.add_new(0x60000022, 'LO', 'test rectangle')
ds.add_new(0x60000040, 'CS', 'G')
ds.add_new(0x60000050, 'SS', [1, 1])
ds.add_new(0x60000100, 'US', 1)
ds.add_new(0x60000102, 'US', 0)
ds.add_new(0x60003000, 'OW', pack_bits(mask.ravel()))
ds.save_as(path)
