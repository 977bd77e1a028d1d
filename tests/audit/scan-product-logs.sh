#!/bin/bash
# The application's own logs carry no patient identity (issue 23): scans what our programs
# wrote on stderr during the test run (tests/app/ProcessRunner.h appends it to LOG, each record
# after a "== PROGRAM SUBCOMMAND" header) and what the product code printed inside the test
# executables (tests/support/StderrTee, "== EXECUTABLE (in-process)") for the test phantoms'
# patient name, IDs and birth
# date. Lines naming files are the product's way to say which file failed; the phantoms' folders
# carry no identity, so they need no exception. The log is removed after the scan, so the next
# run starts afresh.
# Usage: scan-product-logs.sh LOG
set -u
log=${1:?log file}
if [ ! -s "$log" ]; then
  echo "no product log at $log: the app and gui tests did not run before this one"
  exit 1
fi
records=$(grep -c '^== ' "$log")
# PHANTOM^HOUNSFIELD as stored or as shown, HF<seed> as a whole word, the birth date.
leaks=$(grep -v '^== ' "$log" | grep -n -E 'PHANTOM\^HOUNSFIELD|PHANTOM HOUNSFIELD|Hounsfield, Phantom|(^|[^0-9A-Za-z])HF[0-9]+([^0-9A-Za-z]|$)|19700101|1970-01-01' || true)
mv "$log" "$log.scanned"
if [ -n "$leaks" ]; then
  echo "patient identity in what our programs logged (of $records records, kept in $log.scanned):"
  echo "$leaks" | head -40
  exit 1
fi
echo "$records stderr records of our programs, no patient identity in them"
