#!/usr/bin/env bash
# test-harness.sh: test scripts/test-notebooks.sh itself on the notebooks in notebooks/testdata.
#   must pass: ok.ipynb     (imports this repository's task package through go.work)
#              gomlx.ipynb  (runs a GoMLX graph on the pure-Go backend, GoMLX reached via go.work)
#   must FAIL: panics.ipynb (Go panic), exits.ipynb (os.Exit(3)), compile_error.ipynb,
#              shell_fails.ipynb (failing `!` command) -- nbconvert itself exits 0 for all but
#              the compile error, so this checks the output inspection.
# Also runs ok.ipynb with W2C_ROOT unset from / (the go.work cell must then find the repository
# from the notebook's folder).
# Usage: scripts/test-harness.sh [-quick]   (-quick: only ok, panics and exits)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TD=$ROOT/notebooks/testdata
OUT=$(mktemp -d "${TMPDIR:-/tmp}/w2c-harness.XXXXXX")
bad=0
summary=()

expect() { # pass|fail NOTEBOOK [TEXT that the executed copy must contain]
  local want=$1 nb=$2 text=${3:-} got rc=0 start secs
  echo "=== test-harness: $nb (want $want)"
  start=$(date +%s%N)
  "$ROOT/scripts/test-notebooks.sh" -out "$OUT" "$TD/$nb" || rc=$?
  secs=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN{printf "%.1f", (b-a)/1e9}')
  if ((rc == 0)); then got=pass; else got=fail; fi
  local verdict="ok"
  if [[ $got != "$want" ]]; then
    verdict="WRONG (got $got, exit $rc)"
  elif [[ -n $text ]] && ! grep -qF -- "$text" "$OUT/notebooks__testdata__${nb%.ipynb}.ipynb"; then
    verdict="WRONG (executed copy lacks \"$text\")"
  fi
  [[ $verdict == ok ]] || bad=$((bad + 1))
  summary+=("$(printf '%-28s want %-4s got %-4s %6ss  %s' "$nb" "$want" "$got" "$secs" "$verdict")")
}

expect pass ok.ipynb 'task.New(...).Name = double'
expect fail panics.ipynb
expect fail exits.ipynb
if [[ ${1:-} != -quick ]]; then
  expect pass gomlx.ipynb '(go): [[3 3] [4 6]]'
  expect fail compile_error.ipynb
  expect fail shell_fails.ipynb

  # The go.work cell without W2C_ROOT (as when a user opens the notebook in Jupyter): the root must
  # be found from the notebook's folder ($GONB_DIR), whatever the current directory.
  echo "=== test-harness: ok.ipynb with W2C_ROOT unset, started from /"
  start=$(date +%s%N)
  verdict="ok"
  if ! (cd / && env -u W2C_ROOT PATH="$(go env GOPATH)/bin:$PATH" /usr/bin/jupyter nbconvert --to notebook \
      --execute --allow-errors --ExecutePreprocessor.kernel_name=gonb --ExecutePreprocessor.timeout=1200 \
      --output-dir "$OUT" --output noroot "$TD/ok.ipynb" >"$OUT/noroot.log" 2>&1); then
    verdict="WRONG (nbconvert failed, see $OUT/noroot.log)"
  elif ! /usr/bin/python3 "$ROOT/scripts/check-notebook.py" "$OUT/noroot.ipynb"; then
    verdict="WRONG (errors in $OUT/noroot.ipynb)"
  elif ! grep -qF 'task.New(...).Name = double' "$OUT/noroot.ipynb"; then
    verdict="WRONG (output lacks the task name)"
  fi
  [[ $verdict == ok ]] || bad=$((bad + 1))
  secs=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN{printf "%.1f", (b-a)/1e9}')
  summary+=("$(printf '%-28s want %-4s got %-4s %6ss  %s' "ok.ipynb (no W2C_ROOT)" pass \
    "$([[ $verdict == ok ]] && echo pass || echo fail)" "$secs" "$verdict")")
fi

echo "=== test-harness summary (executed copies in $OUT):"
printf '  %s\n' "${summary[@]}"
if ((bad)); then
  echo "=== test-harness: FAILED ($bad wrong)"
  exit 1
fi
echo "=== test-harness: PASSED"
