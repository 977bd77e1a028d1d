#!/bin/bash
# Runs the multipart splitter's libFuzzer target (fuzz/FuzzMultipart.cpp) from a few WADO-RS
# bodies made here, with a fixed random seed, for HF_FUZZ_RUNS inputs (default 20000) but at
# most HF_FUZZ_SECONDS (default 30), so a run is repeatable. Inputs up to 128 KB, so bodies
# pass the splitter's 64 KB bounds. Fails on a crash, a broken promise (the target aborts),
# a leak, a timeout or memory over 2 GB (the corpus included); the input and the log are then kept in WORK-failure/.
# Usage: run-multipart-briefly.sh FUZZER WORK
set -u
fuzzer=$1 work=$2
source "$(dirname "$0")/fuzz-brief.sh"
fuzz_prepare "$fuzzer" "$work" || exit 1
# A seed is one byte for the piece size, then the body: DICOM parts (DICM at 128), a part that
# is not DICOM, a delimiter's near misses inside a part, a body cut short, a long preamble, and
# bodies past the bounds.
fuzz_seeds "$work" <<'PY' || exit 1
def dicom(payload):
    return b"\0" * 128 + b"DICM" + payload
b = b"b0und4ry"
def part(content_type, content):
    return b"\r\n--" + b + b"\r\nContent-Type: " + content_type + b"\r\n\r\n" + content
whole = (part(b"application/dicom", dicom(b"first\r\n--b0und4r\r\n--x")) + part(b"text/plain", b"not dicom")
         + part(b"application/dicom", dicom(b"z" * 3000 + b"\r\n-")) + b"\r\n--" + b + b"--\r\n")
seeds = {
    "whole-8": bytes([7]) + whole,
    "whole-64k": bytes([255]) + whole,
    "whole-1": bytes([0]) + whole,
    "cut-short": bytes([31]) + whole[: len(whole) - 1500],
    "preamble": bytes([200]) + b"this is the preamble\r\n" * 50 + whole,
    # Past the bounds: refused, with the reason.
    "no-boundary": bytes([99]) + b"x" * 70000,
    "endless-headers": bytes([255]) + b"\r\n--b\r\nX-Padding: " + b"h" * 70000,
}
for name, data in seeds.items():
    open(f"{out}/{name}", "wb").write(data)
PY
fuzz_run "$fuzzer" "$work" 131072 20000 30
rc=$?
fuzz_verdict "$work" $rc "the multipart splitter"
