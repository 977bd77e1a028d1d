# Writes an X-Ray Radiation Dose SR (TID 10011, CT Radiation Dose) with pydicom (another
# implementation than ours) for the image given: one CT acquisition with its Mean CTDIvol and
# DLP, and the accumulated DLP. Usage: make-dose-sr.py IMAGE.dcm OUT.dcm
import sys
import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from derived_object import code, new_object
ct = pydicom.dcmread(sys.argv[1])
out = sys.argv[2]
ds = new_object(ct, out, '1.2.840.10008.5.1.4.1.1.88.67', 'SR', 997, 'pydicom dose test')
ds.ContentDate = '20240103'
ds.ContentTime = '080000'
ds.CompletionFlag = 'COMPLETE'
ds.VerificationFlag = 'UNVERIFIED'
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
ds.save_as(out, write_like_original=False)
