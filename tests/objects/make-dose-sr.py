# Writes an X-Ray Radiation Dose SR (TID 10011, CT Radiation Dose) with pydicom (another
# implementation than ours) for the image given: one CT acquisition with its Mean CTDIvol and
# DLP, and the accumulated DLP. Usage: make-dose-sr.py IMAGE.dcm OUT.dcm
import sys
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
ct = pydicom.dcmread(sys.argv[1])
out = sys.argv[2]
meta = FileMetaDataset()
meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.88.67'
meta.MediaStorageSOPInstanceUID = generate_uid()
meta.TransferSyntaxUID = ExplicitVRLittleEndian
ds = FileDataset(out, {}, file_meta=meta, preamble=b'\0' * 128)
ds.SOPClassUID = meta.MediaStorageSOPClassUID
ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
for k in ('PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyInstanceUID', 'StudyDate', 'StudyTime', 'AccessionNumber', 'StudyID', 'ReferringPhysicianName'):
    setattr(ds, k, getattr(ct, k, ''))
ds.Modality = 'SR'
ds.SeriesInstanceUID = generate_uid()
ds.SeriesNumber = 997
ds.InstanceNumber = 1
ds.Manufacturer = 'pydicom dose test'
ds.ContentDate = '20240103'
ds.ContentTime = '080000'
ds.CompletionFlag = 'COMPLETE'
ds.VerificationFlag = 'UNVERIFIED'
def code(value, scheme, meaning):
    c = Dataset(); c.CodeValue = value; c.CodingSchemeDesignator = scheme; c.CodeMeaning = meaning; return c
def num(concept, value, unit_code, unit_meaning):
    item = Dataset(); item.RelationshipType = 'CONTAINS'; item.ValueType = 'NUM'
    item.ConceptNameCodeSequence = Sequence([concept])
    measured = Dataset(); measured.NumericValue = value
    measured.MeasurementUnitsCodeSequence = Sequence([code(unit_code, 'UCUM', unit_meaning)])
    item.MeasuredValueSequence = Sequence([measured])
    return item
def container(concept, children, relationship='CONTAINS'):
    item = Dataset(); item.RelationshipType = relationship; item.ValueType = 'CONTAINER'
    item.ConceptNameCodeSequence = Sequence([concept]); item.ContinuityOfContent = 'SEPARATE'
    item.ContentSequence = Sequence(children)
    return item
ds.ValueType = 'CONTAINER'
ds.ContinuityOfContent = 'SEPARATE'
ds.ConceptNameCodeSequence = Sequence([code('113701', 'DCM', 'X-Ray Radiation Dose Report')])
tmpl = Dataset(); tmpl.MappingResource = 'DCMR'; tmpl.TemplateIdentifier = '10011'
ds.ContentTemplateSequence = Sequence([tmpl])
dose = container(code('113829', 'DCM', 'CT Dose'), [num(code('113830', 'DCM', 'Mean CTDIvol'), '12.5', 'mGy', 'mGy'),
                                                     num(code('113838', 'DCM', 'DLP'), '450', 'mGy.cm', 'mGy.cm')])
acquisition = container(code('113819', 'DCM', 'CT Acquisition'), [dose])
accumulated = container(code('113811', 'DCM', 'CT Accumulated Dose Data'),
                        [num(code('113813', 'DCM', 'CT Dose Length Product Total'), '450', 'mGy.cm', 'mGy.cm')])
ds.ContentSequence = Sequence([accumulated, acquisition])
ds.is_little_endian, ds.is_implicit_VR = True, False
ds.save_as(out, write_like_original=False)
