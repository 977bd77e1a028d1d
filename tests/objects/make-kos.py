# Writes a Key Object Selection with pydicom (another implementation than ours): "For Teaching",
# flagging the one image given. Usage: make-kos.py IMAGE.dcm OUT.dcm
import sys, datetime
import pydicom
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from derived_object import code, new_object
ct = pydicom.dcmread(sys.argv[1])
out = sys.argv[2]
ds = new_object(ct, out, '1.2.840.10008.5.1.4.1.1.88.59', 'KO', 77, 'pydicom test')
ds.ContentDate = '20240102'
ds.ContentTime = '101010'
ds.ValueType = 'CONTAINER'
ds.ContinuityOfContent = 'SEPARATE'
ds.ConceptNameCodeSequence = Sequence([code('113004', 'DCM', 'For Teaching')])
tmpl = Dataset(); tmpl.MappingResource = 'DCMR'; tmpl.TemplateIdentifier = '2010'
ds.ContentTemplateSequence = Sequence([tmpl])
ref = Dataset(); ref.ReferencedSOPClassUID = ct.SOPClassUID; ref.ReferencedSOPInstanceUID = ct.SOPInstanceUID
series = Dataset(); series.SeriesInstanceUID = ct.SeriesInstanceUID; series.ReferencedSOPSequence = Sequence([ref])
study = Dataset(); study.StudyInstanceUID = ct.StudyInstanceUID; study.ReferencedSeriesSequence = Sequence([series])
ds.CurrentRequestedProcedureEvidenceSequence = Sequence([study])
text = Dataset(); text.RelationshipType = 'CONTAINS'; text.ValueType = 'TEXT'
text.ConceptNameCodeSequence = Sequence([code('113012', 'DCM', 'Key Object Description')]); text.TextValue = 'teaching case'
image = Dataset(); image.RelationshipType = 'CONTAINS'; image.ValueType = 'IMAGE'
iref = Dataset(); iref.ReferencedSOPClassUID = ct.SOPClassUID; iref.ReferencedSOPInstanceUID = ct.SOPInstanceUID
image.ReferencedSOPSequence = Sequence([iref])
ds.ContentSequence = Sequence([text, image])
ds.save_as(out, write_like_original=False)
