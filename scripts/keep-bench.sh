#!/usr/bin/env bash
# keep-bench.sh: stage for commit the small per-task results of benchmark suites, so that their
# tables and figures can be remade from a clone (w2c figures) without re-running them.
#
#   scripts/keep-bench.sh mips physics
#   scripts/keep-bench.sh learned=mips     (folder bench/learned, made with w2c bench -suite mips -out bench/learned)
#
# For each suite it rebuilds the tables (refusing results of mixed code or settings), unstages
# what was kept before, and stages (git add -f: runs/ is ignored) every outcome.json and the
# files of each outcome's chosen attempt but its training curve (w2c bench -kept) and the emitted
# Go and Python programs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if [[ $# -eq 0 ]]; then
  echo "usage: scripts/keep-bench.sh SUITE..." >&2
  exit 2
fi
go build -o "$ROOT/w2c" ./cmd/w2c
for arg in "$@"; do
  folder=${arg%%=*} suite=${arg#*=}
  ./w2c bench -suite "$suite" -out "bench/$folder" -table
  git rm -r -q --cached --ignore-unmatch "bench/$folder/runs"
  # The emitted program.go and program.py stay out: program.txt holds the program, and a .go file
  # in the tree would be built as a package by go vet/test and counted in the code's hash
  # (bench.CodeVersion), making every result look stale.
  ./w2c bench -suite "$suite" -out "bench/$folder" -kept | grep -v -E '/program\.(go|py)$' | xargs -r git add -f
  git add "bench/$folder"/*.md "bench/$folder"/*.csv
  echo "kept $(git ls-files "bench/$folder/runs" | wc -l) files of bench/$folder"
done
