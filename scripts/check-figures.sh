#!/usr/bin/env bash
# check-figures.sh [REV]: remakes every committed figure and table from a fresh clone of REV
# (default HEAD) with one command, `w2c figures -require-all`, and compares them with the
# committed ones (`w2c figures -compare`: SVG, PNG and text byte for byte, Markdown with its
# wall-clock times masked). Fails when a figure is skipped (a suite folder missing or partial in
# the clone), a file differs, one is missing, or one is made that is not committed.
#
# It trains the figures' own small runs (pipeline, annealing, inductive bias): about 3 minutes
# on 2 cores. The clone is removed when the check passes and kept for a look when it fails.
set -euo pipefail

repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
rev=$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-figures.XXXXXX")
clone="$tmp/clone"
start=$SECONDS

git clone -q --no-checkout "$repo" "$clone"
git -C "$clone" checkout -q --detach "$rev"
cd "$clone"
echo "check-figures: ${rev:0:12} cloned in $clone"

# The committed figures, before they are remade in place.
mkdir "$tmp/committed"
find figures -maxdepth 1 -type f -exec cp -p {} "$tmp/committed/" \;

go build -o "$tmp/w2c" ./cmd/w2c
status=0
made=$SECONDS
if ! "$tmp/w2c" figures -require-all >"$tmp/figures.log" 2>&1; then
	tail -n 20 "$tmp/figures.log"
	status=1
fi
echo "check-figures: w2c figures took $((SECONDS - made)) s (log: $tmp/figures.log)"
"$tmp/w2c" figures -compare "$tmp/committed" || status=1

if [ "$status" -ne 0 ]; then
	echo "check-figures: FAILED; the clone is kept in $clone" >&2
	exit 1
fi
rm -rf "$tmp"
echo "check-figures: every committed figure and table is remade from a clone of ${rev:0:12} in $((SECONDS - start)) s"
