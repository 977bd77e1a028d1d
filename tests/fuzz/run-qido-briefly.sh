#!/bin/bash
# Runs the QIDO-RS answer reader's libFuzzer target (fuzz/FuzzQido.cpp) from a few answers made
# here, with a fixed random seed, for HF_FUZZ_RUNS inputs (default 100000) but at most
# HF_FUZZ_SECONDS (default 30), so a run is repeatable. Inputs up to 16 KB. Fails on a crash, a
# value that differs from a document-tree reading (the target aborts), a leak, a timeout or
# memory over 2 GB; the input and the log are then kept in WORK-failure/.
# Usage: run-qido-briefly.sh FUZZER WORK
set -u
fuzzer=$1 work=$2
source "$(dirname "$0")/fuzz-brief.sh"
fuzz_prepare "$fuzzer" "$work" || exit 1
# A seed is one byte for maxResults, then the answer: an archive's results (names, numbers,
# several values), more results than the bound, and the odd shapes (non-object results,
# attributes without Value, values that are neither text nor numbers).
fuzz_seeds "$work" <<'PY' || exit 1
import json
result = {"00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE", "Ideographic": "X"}]},
          "00100020": {"vr": "LO", "Value": ["HF7"]}, "0020000D": {"vr": "UI", "Value": ["1.2.3"]},
          "00201208": {"vr": "IS", "Value": [500]}, "00200032": {"vr": "DS", "Value": [-12.5, 0, 3]},
          "00081030": {"vr": "LO", "Value": ["not asked for"]}}
seeds = {
    "archive": bytes([20]) + json.dumps([result] * 3).encode(),
    "bound": bytes([2]) + json.dumps([{"0020000D": {"vr": "UI", "Value": [str(i)]}} for i in range(5)]).encode(),
    "odd": bytes([9]) + b'[1, [], {"0020000D": 5}, {"0020000D": {"Value": 7}}, {"00100010": {"Value": [{"Alphabetic": 5}, null, true, [1]]}},'
           b' {"0020000D": {"Value": ["a"]}, "0020000D": {"vr": "UI"}}, {"0020000D": {"Value": ["b"], "Value": 5}},'
           b' {"00100010": {"Value": [{"Alphabetic": "A", "Alphabetic": 5}]}}]',
    "not-a-list": bytes([9]) + json.dumps(result).encode(),
}
for name, data in seeds.items():
    open(f"{out}/{name}", "wb").write(data)
PY
fuzz_run "$fuzzer" "$work" 16384 100000 30
rc=$?
fuzz_verdict "$work" $rc "the QIDO-RS answer reader"
