#!/usr/bin/env bash
# test.sh: the project's test command (README, CI). On a fresh Debian machine with Go >= 1.26.
#
#   scripts/test.sh            Go checks and tests for both builds, then the notebooks (quick mode)
#   scripts/test.sh -go        Go checks and tests only (no Jupyter needed)
#
# Steps (each prints its wall time; the script stops at the first failure, exit status non-zero):
#   1. gofmt -l (must print nothing)
#   2. go vet ./...                   the default build: pure-Go backend only
#   3. go vet -tags xla ./... and go build -tags xla ./...   the XLA build compiles (it cannot run
#      here: its PJRT plugin downloads from the internet, see environment.md)
#   4. go test ./...                  unit tests, stage-agreement tests, short end-to-end trainings
#   5. scripts/setup-notebooks.sh, scripts/test-harness.sh -quick, scripts/test-notebooks.sh
# CI (.ci/run) also runs scripts/check-figures.sh: every committed figure and table remade from a
# clean clone of HEAD by `w2c figures` and compared (about 3 min).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then PATH=/usr/local/go/bin:$PATH; fi

step() { # NAME COMMAND...
  local name=$1 start
  shift
  echo "=== $name: $*"
  start=$(date +%s)
  "$@"
  echo "=== $name: ok ($(($(date +%s) - start))s)"
}

unformatted() {
  local files
  files=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*'))
  if [[ -n "$files" ]]; then
    echo "gofmt would change:"
    echo "$files"
    return 1
  fi
}

step gofmt unformatted
step vet go vet ./...
step vet-xla go vet -tags xla ./...
step build-xla go build -tags xla ./...
step test go test -timeout 30m ./...
if [[ ${1:-} == -go ]]; then
  exit 0
fi
step setup-notebooks scripts/setup-notebooks.sh
step notebook-harness scripts/test-harness.sh -quick
step notebooks scripts/test-notebooks.sh
echo "=== all tests passed"
