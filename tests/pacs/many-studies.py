#!/usr/bin/python3
"""Writes COUNT one-image studies of the template's patient into a ZIP archive (Orthanc's
POST /instances takes them in one request: storescu waits ~45 ms per instance on Orthanc's
delayed answers), one day apart going back from NEWEST (YYYYMMDD): study n (0 = the newest)
is dated NEWEST - n days, its UIDs built from UID_ROOT (a number) and n, so the same call
always makes the same studies (storing them again changes nothing). For tests that need a
patient with more studies than a search looks at.

usage: many-studies.py TEMPLATE ZIP COUNT NEWEST UID_ROOT
"""
import datetime
import io
import sys
import zipfile

import pydicom


def uid(root, n, kind):
    """A 2.25 UID (an integer below 2**128) from the caller's number, the study's and the kind."""
    return f"2.25.{(int(root) * 100000 + n) * 10 + kind}"


def main():
    template, archive, count, newest, root = sys.argv[1:6]
    first = datetime.datetime.strptime(newest, "%Y%m%d").date()
    ds = pydicom.dcmread(template)
    with zipfile.ZipFile(archive, "w") as out:
        for n in range(int(count)):  # the one dataset, its identity and date changed each time
            ds.StudyInstanceUID = uid(root, n, 1)
            ds.SeriesInstanceUID = uid(root, n, 2)
            ds.SOPInstanceUID = uid(root, n, 3)
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
            ds.StudyDate = (first - datetime.timedelta(days=n)).strftime("%Y%m%d")
            buffer = io.BytesIO()
            ds.save_as(buffer, write_like_original=True)
            out.writestr(f"study{n:04d}.dcm", buffer.getvalue())


if __name__ == "__main__":
    main()
