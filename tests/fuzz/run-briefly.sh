#!/bin/bash
# Runs the libFuzzer target from seeds (the regression files, fuzz/seeds/ (measurement reports, one with MPR-plane and path annotations, a spatial registration), the corpus's MIM RTSTRUCT, highdicom SEGs and SR,
# small phantoms in several syntaxes (HTJ2K included), pydicom's 16- and 32-bit RGB RLE, big endian RT Dose and JPEG 2000 files, float, Modality LUT, 1-bit and segmented palette variants of its CT, GSPS with a VOI LUT and overlay activation, a KOS, a dose SR, a high-bit overlay) with a fixed random seed, for HF_FUZZ_RUNS inputs (default 600) but at most
# HF_FUZZ_SECONDS (default 60), so a run is repeatable. Fails if it finds a crash, leak, timeout
# or runaway memory; the input and the log are then kept in WORK-failure/ for tests/regression/.
# Usage: run-briefly.sh FUZZER CLI WORK SOURCE_DIR
set -u
fuzzer=$1 cli=$2 work=$3 src=$4
source "$(dirname "$0")/fuzz-brief.sh"
fuzz_prepare "$fuzzer" "$work" || exit 1
cp "$src"/tests/regression/*.dcm "$src"/fuzz/seeds/*.dcm "$work/seeds/"
# Other producers' objects from the shared corpus (read in place, never copied into the repo).
cp "$src"/../shared/corpus/rt-utils/tests/mock_data/non_existent_reference_rt.dcm "$work/seeds/rt-structure-set.dcm" || exit 1
cp "$src"/../shared/corpus/highdicom/data/test_files/seg_image_ct_binary_overlap.dcm "$work/seeds/seg-binary.dcm" || exit 1
cp "$src"/../shared/corpus/highdicom/data/test_files/seg_image_ct_true_fractional.dcm "$work/seeds/seg-fractional.dcm" || exit 1
cp "$src"/../shared/corpus/highdicom/data/test_files/sr_document_with_multiple_groups.dcm "$work/seeds/sr-tid1500.dcm" || exit 1
# HTJ2K comes from the phantom below; the corpus' 170 kB colour US is not a seed: mutations of it
# reach OpenJPH 0.9's known heap overflow (tests/regression/README.md) in a few hundred inputs.
# Our own RLE decoder, big endian reads and JPEG 2000 (OpenJPEG directly), on pydicom's files (python3-pydicom).
pydicom=/usr/lib/python3/dist-packages/pydicom/data/test_files
cp "$pydicom/SC_rgb_rle_32bit_2frame.dcm" "$pydicom/rtdose_expb_1frame.dcm" \
  "$pydicom/MR_small_jp2klossless.dcm" "$pydicom/JPEG2000.dcm" "$pydicom/SC_rgb_rle_16bit.dcm" "$work/seeds/" || exit 1
# The pixel formats PixelFormatsTest makes from pydicom's CT_small: float and double float pixel
# data, a Modality LUT, packed bits across frames, a segmented palette.
for kind in float32 float64 modality-lut 1bit-frames palette-segmented; do
  /usr/bin/python3 "$src/tests/reference/make-pixel-variant.py" "$kind" "$pydicom/CT_small.dcm" "$work/seeds/variant-$kind.dcm" || exit 1
done
for syntax in explicit big-endian rle jpeg-ls j2k htj2k; do
  "$cli" make-phantom --out "$work/phantom-$syntax" --size 16x12x2 --syntax "$syntax" 2>/dev/null || exit 1
  cp "$work/phantom-$syntax/IM0001.dcm" "$work/seeds/$syntax.dcm"
done
# Made as the tests make them: presentation states with a VOI LUT table and with overlay
# activation (DCMTK's dcmpsmk, edited by pydicom), and an image with its overlay in the pixel
# data's high bit.
ct="$src"/../shared/corpus/highdicom/data/test_files/ct_image.dcm
for mode in lut overlay; do
  dcmpsmk "$ct" "$work/seeds/gsps-$mode.dcm" || exit 1
  /usr/bin/python3 "$src/tests/objects/add-gsps-graphics.py" "$work/seeds/gsps-$mode.dcm" \
    1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322 "$mode" || exit 1
done
/usr/bin/python3 "$src/tests/objects/make-kos.py" "$ct" "$work/seeds/kos.dcm" || exit 1
/usr/bin/python3 "$src/tests/objects/make-dose-sr.py" "$ct" "$work/seeds/dose-sr.dcm" || exit 1
cp "$work/phantom-explicit/IM0001.dcm" "$work/seeds/high-bit-overlay.dcm"
/usr/bin/python3 "$src/tests/objects/add-highbit-overlay.py" "$work/seeds/high-bit-overlay.dcm" 2 4 2 6 >/dev/null || exit 1
"$fuzzer" -seed="${HF_FUZZ_SEED:-1}" -runs="${HF_FUZZ_RUNS:-600}" -max_total_time="${HF_FUZZ_SECONDS:-60}" \
  -timeout=60 -report_slow_units=30 -rss_limit_mb=4096 -artifact_prefix="$work/crashes/" "$work/seeds" 2>"$work/fuzz.log"
rc=$?
# A slow unit is not a defect by itself (a loaded CI machine ran one input past 10 s while the
# GUI tests shared its two cores); hangs are caught by -timeout. Keep slow ones for a look, apart.
mkdir -p "$work/slow"
mv "$work"/crashes/slow-unit-* "$work/slow/" 2>/dev/null
[ -n "$(ls -A "$work/slow")" ] && echo "fuzzing: slow inputs (over 30 s) kept in $work/slow: $(ls "$work/slow")"
fuzz_verdict "$work" $rc "scan and decode"
