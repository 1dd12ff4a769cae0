#!/usr/bin/env bash
# Turns xunit's summary into the one totals line CI reads: N passed, N failed, N skipped.
line=$(grep -E 'Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+' "$1" | tail -n 1)
if [ -z "$line" ]; then echo "0 passed, 1 failed"; exit 1; fi
num() { sed -E "s/.*$1: ([0-9]+).*/\\1/" <<<"$line"; }
total=$(num Total) errors=$(num Errors) failed=$(num Failed) skipped=$(num Skipped)
notrun=$(grep -qE 'Not Run: [0-9]+' <<<"$line" && num 'Not Run' || echo 0)
echo "$((total - failed - skipped - notrun)) passed, $((failed + errors + notrun)) failed, $skipped skipped"
