#!/bin/sh
# Repeated blocks (six or more lines) in the application code of one commit: salaklang/**/*.py and
# config/*.py, without
# migrations/ and tests/ (issue 12's "repeats itself less" figure).
# Usage: scripts/count_duplicates.sh [COMMIT]   (default HEAD). Prints the pair and file counts.
set -eu
rev="${1:-HEAD}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
git archive "$rev" salaklang config | tar -x -C "$dir"
find "$dir" -type d \( -name migrations -o -name tests \) -prune -exec rm -rf {} +
find "$dir" -type f ! -name '*.py' -delete
out="$(duplicates --repo "$dir" --most 200 --seconds 120)"
echo "$out" | sed -n 1p
printf '%s\n' "$out" | grep -E '^(incomplete|left out):' || true
