#!/usr/bin/python3
"""Writes charset-names.tsv: each pydicom charset file's Patient's Name as pydicom decodes it.

    tests/reference/make-charset-names.py > tests/reference/charset-names.tsv
"""
import glob
import os

import pydicom

print("file\tpatient_name")
for path in sorted(glob.glob("/usr/lib/python3/dist-packages/pydicom/data/charset_files/*.dcm")):
    ds = pydicom.dcmread(path)
    if "Rows" in ds and "PatientName" in ds:
        print("%s\t%s" % (os.path.basename(path), str(ds.PatientName)))
