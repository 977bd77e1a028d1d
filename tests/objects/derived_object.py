# What the test scripts' objects share (imported by make-kos.py, make-dose-sr.py, make-seg.py):
# a new instance of a SOP class in a new series of the source image's study (its patient and
# study attributes copied), Explicit VR Little Endian, and a coded concept helper.
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

IDENTITY = ('PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyDate', 'StudyTime',
            'AccessionNumber', 'StudyID', 'ReferringPhysicianName')


def new_object(source, out, sop_class, modality, series_number, manufacturer, extra=()):
    """The new dataset; `extra`: more attributes to copy from the source (e.g. its Frame of Reference)."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(out, {}, file_meta=meta, preamble=b'\0' * 128)
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    for k in IDENTITY + tuple(extra):
        setattr(ds, k, getattr(source, k, ''))
    ds.Modality = modality
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = series_number
    ds.InstanceNumber = 1
    ds.Manufacturer = manufacturer
    ds.is_little_endian, ds.is_implicit_VR = True, False
    return ds


def code(value, scheme, meaning):
    c = Dataset()
    c.CodeValue = value
    c.CodingSchemeDesignator = scheme
    c.CodeMeaning = meaning
    return c
