#!/usr/bin/env bash
# test-notebooks.sh: execute GoNB notebooks headless and fail on any error inside them.
#
# Usage: scripts/test-notebooks.sh [-update] [-full] [-timeout SECONDS] [-out DIR] [NOTEBOOK.ipynb ...]
#
#   NOTEBOOK...   notebooks to run (default: every notebooks/*.ipynb; notebooks/testdata is not
#                 included unless named)
#   -update       write the executed notebooks (with outputs) back over the given files, for the
#                 ones that pass; failing notebooks are left untouched
#   -full         full mode: export W2C_QUICK=0 (default: quick mode, W2C_QUICK=1, unless W2C_QUICK
#                 is already set in the environment)
#   -timeout S    per-cell timeout in seconds (default $W2C_NB_TIMEOUT or 1200)
#   -out DIR      where executed copies and logs go (default: a new temporary directory)
#
# Environment passed to the notebooks (GoNB's `!` shell cells and Go cells inherit the kernel's
# environment): W2C_ROOT (repository root, used by the go.work cell), W2C_QUICK.
#
# Why the output inspection: GoNB ignores a Go program's exit status, so a panic, os.Exit(N) or a
# failing `!` command leaves nbconvert exiting 0. We run with --allow-errors (so an executed copy
# is always written) and scripts/check-notebook.py then fails on error outputs, "panic:",
# "exit status N", goroutine traces, "[ERROR]" and compiler messages.
#
# Needs scripts/setup-notebooks.sh to have run once. Exits non-zero if any notebook fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JUPYTER=/usr/bin/jupyter   # the system one: a pyenv/venv python3 first on PATH may lack Jupyter
PYTHON=/usr/bin/python3

update=0
timeout=${W2C_NB_TIMEOUT:-1200}
out=""
quick=${W2C_QUICK:-1}
notebooks=()
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
while (($#)); do
  case $1 in
    -update|--update) update=1 ;;
    -full|--full) quick=0 ;;
    -timeout|--timeout) timeout=${2:?-timeout needs a value}; shift ;;
    -out|--out) out=${2:?-out needs a directory}; shift ;;
    -h|-help|--help) usage; exit 0 ;;
    -*) echo "unknown flag $1" >&2; usage >&2; exit 2 ;;
    *) notebooks+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")") ;;
  esac
  shift
done
if ((${#notebooks[@]} == 0)); then
  shopt -s nullglob
  notebooks=("$ROOT"/notebooks/*.ipynb)
  shopt -u nullglob
  if ((${#notebooks[@]} == 0)); then
    echo "[test-notebooks] no notebooks in $ROOT/notebooks: nothing to do"
    exit 0
  fi
fi

# Tools: Go and GOPATH/bin (gonb, goimports, gopls) on PATH for the kernel.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then PATH=/usr/local/go/bin:$PATH; fi
command -v go >/dev/null 2>&1 || { echo "[test-notebooks] go not found" >&2; exit 1; }
GOBIN_DIR=$(go env GOBIN)
[[ -n "$GOBIN_DIR" ]] || GOBIN_DIR="$(go env GOPATH | cut -d: -f1)/bin"
export PATH="$GOBIN_DIR:$PATH"
missing=()
[[ -x $JUPYTER ]] || missing+=("$JUPYTER")
for b in gonb goimports gopls; do command -v $b >/dev/null 2>&1 || missing+=("$b"); done
[[ -f "${JUPYTER_DATA_DIR:-$HOME/.local/share/jupyter}/kernels/gonb/kernel.json" ]] || missing+=("gonb kernel spec")
if ((${#missing[@]})); then
  echo "[test-notebooks] missing: ${missing[*]}; run scripts/setup-notebooks.sh first" >&2
  exit 1
fi

export W2C_ROOT=$ROOT
export W2C_QUICK=$quick
if [[ -z "$out" ]]; then out=$(mktemp -d "${TMPDIR:-/tmp}/w2c-notebooks.XXXXXX"); fi
mkdir -p "$out"
echo "[test-notebooks] ${#notebooks[@]} notebook(s); W2C_QUICK=$W2C_QUICK W2C_ROOT=$W2C_ROOT; cell timeout ${timeout}s; executed copies in $out"

results=()
failed=0
total_start=$(date +%s%N)
for nb in "${notebooks[@]}"; do
  rel=${nb#"$ROOT"/}
  if [[ ! -f "$nb" ]]; then
    results+=("$(printf '%-4s %8s  %s' FAIL "missing" "$rel")")
    failed=$((failed + 1))
    echo "[test-notebooks] FAIL $rel: no such file"
    continue
  fi
  name=${rel//\//__}
  name=${name%.ipynb}
  log="$out/$name.log"
  echo "[test-notebooks] running $rel ..."
  start=$(date +%s%N)
  status=PASS
  # The kernel starts in the notebook's folder (GoNB's $GONB_DIR).
  if ! "$JUPYTER" nbconvert --to notebook --execute --allow-errors \
      --ExecutePreprocessor.kernel_name=gonb --ExecutePreprocessor.timeout="$timeout" \
      --output-dir "$out" --output "$name" "$nb" >"$log" 2>&1; then
    status=FAIL
    echo "  nbconvert failed (timeout or kernel death?); last lines of $log:"
    { grep -v '^[IW][0-9]\{4\} ' "$log" || true; } | tail -n 15 | sed 's/^/    /'
  fi
  secs=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN{printf "%.1f", (b-a)/1e9}')
  if [[ $status == PASS ]] && ! "$PYTHON" "$ROOT/scripts/check-notebook.py" "$out/$name.ipynb"; then
    status=FAIL
  fi
  if [[ $status == PASS && $update == 1 ]]; then
    cp "$out/$name.ipynb" "$nb"
    status="PASS (outputs written to $rel)"
  fi
  [[ $status == FAIL ]] && failed=$((failed + 1))
  echo "[test-notebooks] $status $rel (${secs}s)"
  results+=("$(printf '%-4s %7ss  %s' "${status%% *}" "$secs" "$rel")")
done
total=$(awk -v a="$total_start" -v b="$(date +%s%N)" 'BEGIN{printf "%.1f", (b-a)/1e9}')

echo "[test-notebooks] summary (wall time per notebook):"
printf '  %s\n' "${results[@]}"
echo "[test-notebooks] $((${#notebooks[@]} - failed)) passed, $failed failed, ${total}s total; executed copies and logs in $out"
((failed == 0))
