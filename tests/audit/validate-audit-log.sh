#!/bin/bash
# Validates every record of an audit log (one message per line) against the DICOM Audit Message
# schema (tests/data/audit/dicom-audit-message.rnc, PS3.15 A.5.1): the compact schema is turned
# into RELAX NG XML with rnc2rng (comments dropped and the built-in `token` written as
# xsd:token, which that converter needs) and each record checked with xmllint.
# Usage: validate-audit-log.sh LOG   prints "N records valid" or the first invalid one; exit 1.
set -u
log=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e 's/#.*$//' -e 's/\btoken\b/xsd:token/g' "$here/../data/audit/dicom-audit-message.rnc" > "$work/schema.rnc"
rnc2rng "$work/schema.rnc" > "$work/schema.rng" || { echo "validate-audit-log.sh: the schema did not convert"; exit 1; }
n=0
while IFS= read -r record || [ -n "$record" ]; do
  [ -z "$record" ] && continue
  n=$((n + 1))
  printf '%s\n' "$record" > "$work/record.xml"
  if ! out=$(xmllint --noout --relaxng "$work/schema.rng" "$work/record.xml" 2>&1); then
    echo "record $n is not a valid audit message: $out"
    echo "$record"
    exit 1
  fi
done < "$log"
echo "$n records valid"
