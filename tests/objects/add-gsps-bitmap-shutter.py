# Gives a presentation state a bitmap display shutter with pydicom: overlay group 6002 over the
# whole image, set (blanked) in rows 1..R, every column. Usage: add-gsps-bitmap-shutter.py PS.dcm ROWS COLUMNS R
import sys
import numpy as np
import pydicom
from pydicom.pixel_data_handlers.numpy_handler import pack_bits
path, rows, columns, blanked = sys.argv[1], *map(int, sys.argv[2:5])
ps = pydicom.dcmread(path)
mask = np.zeros((rows, columns), dtype=np.uint8)
mask[:blanked, :] = 1
ps.add_new(0x60020010, 'US', rows)
ps.add_new(0x60020011, 'US', columns)
ps.add_new(0x60020040, 'CS', 'G')
ps.add_new(0x60020050, 'SS', [1, 1])
ps.add_new(0x60020100, 'US', 1)
ps.add_new(0x60020102, 'US', 0)
ps.add_new(0x60023000, 'OW', pack_bits(mask.ravel()))
ps.ShutterShape = 'BITMAP'
ps.add_new(0x00181623, 'US', 0x6002)  # Shutter Overlay Group
ps.ShutterPresentationValue = 65535
ps.save_as(path)
