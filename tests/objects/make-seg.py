# Writes a binary Segmentation with pydicom (another implementation than ours) over a CT series:
# one segment "Sphere" (colour CIELab of pure red), a ball of RADIUS mm around X,Y,Z in patient
# space, one frame per CT slice it reaches, on the CT's pixel grid.
# Usage: make-seg.py CT_FOLDER OUT.dcm X,Y,Z RADIUS
import sys, os
import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from derived_object import code, new_object

folder, out = sys.argv[1], sys.argv[2]
centre = np.array([float(v) for v in sys.argv[3].split(',')])
radius = float(sys.argv[4])
slices = [pydicom.dcmread(os.path.join(folder, f)) for f in sorted(os.listdir(folder)) if f.endswith('.dcm')]
slices = [s for s in slices if 'ImagePositionPatient' in s]
first = slices[0]
iop = np.array([float(v) for v in first.ImageOrientationPatient])
row, col = iop[:3], iop[3:]
spacing = [float(v) for v in first.PixelSpacing]  # between rows, between columns
rows, columns = int(first.Rows), int(first.Columns)
normal = np.cross(row, col)
slices.sort(key=lambda s: float(np.dot([float(v) for v in s.ImagePositionPatient], normal)))

ds = new_object(first, out, '1.2.840.10008.5.1.4.1.1.66.4', 'SEG', 300, 'pydicom test', extra=('FrameOfReferenceUID',))
ds.SeriesDescription = 'Sphere segmentation'
ds.ImageType = ['DERIVED', 'PRIMARY']
ds.SamplesPerPixel = 1
ds.PhotometricInterpretation = 'MONOCHROME2'
ds.Rows, ds.Columns = rows, columns
ds.BitsAllocated = ds.BitsStored = 1
ds.HighBit = 0
ds.PixelRepresentation = 0
ds.SegmentationType = 'BINARY'
ds.ContentLabel = 'SPHERE'
segment = Dataset()
segment.SegmentNumber = 1
segment.SegmentLabel = 'Sphere'
segment.SegmentAlgorithmType = 'MANUAL'
segment.SegmentedPropertyCategoryCodeSequence = Sequence([code('91723000', 'SCT', 'Anatomical Structure')])
segment.SegmentedPropertyTypeCodeSequence = Sequence([code('39607008', 'SCT', 'Lung')])
segment.RecommendedDisplayCIELabValue = [34885, 53485, 50171]  # sRGB red
ds.SegmentSequence = Sequence([segment])
measures = Dataset()
measures.PixelSpacing = [spacing[0], spacing[1]]
measures.SliceThickness = float(getattr(first, 'SliceThickness', 1) or 1)
orientation = Dataset(); orientation.ImageOrientationPatient = list(iop)
shared = Dataset()
shared.PixelMeasuresSequence = Sequence([measures])
shared.PlaneOrientationSequence = Sequence([orientation])
ds.SharedFunctionalGroupsSequence = Sequence([shared])
# Voxel centres of a slice in patient space: position + col index * row dir * col spacing + ...
jj, ii = np.mgrid[0:rows, 0:columns]
frames, per_frame = [], []
for s in slices:
    origin = np.array([float(v) for v in s.ImagePositionPatient])
    points = origin[None, None, :] + ii[..., None] * row * spacing[1] + jj[..., None] * col * spacing[0]
    mask = np.linalg.norm(points - centre, axis=2) <= radius
    if not mask.any():
        continue
    frames.append(mask)
    item = Dataset()
    position = Dataset(); position.ImagePositionPatient = list(origin)
    item.PlanePositionSequence = Sequence([position])
    ident = Dataset(); ident.ReferencedSegmentNumber = 1
    item.SegmentIdentificationSequence = Sequence([ident])
    per_frame.append(item)
ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
ds.NumberOfFrames = len(frames)
bits = np.packbits(np.concatenate([f.ravel() for f in frames]).astype(np.uint8), bitorder='little')
if len(bits) % 2:
    bits = np.append(bits, np.uint8(0))
ds.PixelData = bits.tobytes()
ds.save_as(out, write_like_original=False)
print(len(frames))
