#!/usr/bin/env bash
# op-profile.sh: where a training step's time goes, operation by operation, on the pure-Go
# backend. GoMLX's simplego has no per-operation timer, so this builds dt's TestOpProfile
# (dt/opprofile_test.go, build tag opprofile) in a scratch copy of the repository whose vendored
# simplego times every operation it executes; the repository itself is not touched.
#
#   scripts/op-profile.sh                                  default model on parity_last2
#   SET="families=sum;periodic=true" scripts/op-profile.sh  a5_mod's shape
#   TASK=dithering SET="..." scripts/op-profile.sh
#   BATCH=32 scripts/op-profile.sh                         batches of 32 (default 128)
#   PREDICT=1 TASK=add_mod_4 SET="..." scripts/op-profile.sh  the hard model on 4 x 8,192 sequences
#
# Prints the milliseconds per step of each operation type, then of the 30 costliest operations
# (type, output shape <- input shapes). The timer's own overhead is a few percent.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | grep -z -v -E '^bench/[^/]+/runs/' |
  xargs -0 cp --parents -t "$SCRATCH")
cd "$SCRATCH"
go mod vendor
python3 - vendor/github.com/gomlx/gomlx/backends/simplego/exec.go <<'PY'
import sys
path = sys.argv[1]
src = open(path).read()
hook = '''
var profMu sync.Mutex
var profTimes = map[string]time.Duration{}
var profCounts = map[string]int{}

// ProfReset clears the per-operation times (op-profile.sh's patch).
func ProfReset() {
	profMu.Lock()
	profTimes, profCounts = map[string]time.Duration{}, map[string]int{}
	profMu.Unlock()
}

// ProfWrite writes the per-operation times, per step, to path (op-profile.sh's patch).
func ProfWrite(path string, steps int) error {
	profMu.Lock()
	defer profMu.Unlock()
	type kv struct {
		k string
		d time.Duration
	}
	var all, ops []kv
	var total time.Duration
	byOp := map[string]time.Duration{}
	count, byOpCount := 0, map[string]int{}
	for k, d := range profTimes {
		all = append(all, kv{k, d})
		total += d
		op, _, _ := strings.Cut(k, " ")
		byOp[op] += d
		byOpCount[op] += profCounts[k]
		count += profCounts[k]
	}
	for k, d := range byOp {
		ops = append(ops, kv{k, d})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].d > all[j].d })
	sort.Slice(ops, func(i, j int) bool { return ops[i].d > ops[j].d })
	var b strings.Builder
	per := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(steps) }
	fmt.Fprintf(&b, "%.3f ms per step in the backend's operations, %d operations a step\\n\\nby type (operations a step):\\n", per(total), count/steps)
	for _, o := range ops {
		fmt.Fprintf(&b, "%8.3f ms %5.1f%%  %s (%d)\\n", per(o.d), 100*o.d.Seconds()/total.Seconds(), o.k, byOpCount[o.k]/steps)
	}
	fmt.Fprintf(&b, "\\ncostliest operations:\\n")
	for i, a := range all {
		if i == 30 {
			break
		}
		fmt.Fprintf(&b, "%8.3f ms %5.1f%%  %dx %s\\n", per(a.d), 100*a.d.Seconds()/total.Seconds(), profCounts[a.k]/steps, a.k)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func (e *Executable) executeNode(node *Node, execBuf *executionBuffers) error {
	if node.opType != backends.OpTypeConstant {
		start := time.Now()
		defer func() {
			key := node.opType.String() + " " + node.shape.String() + " <-"
			for _, in := range node.inputs {
				key += " " + in.shape.String()
			}
			profMu.Lock()
			profTimes[key] += time.Since(start)
			profCounts[key]++
			profMu.Unlock()
		}()
	}
'''
old = 'func (e *Executable) executeNode(node *Node, execBuf *executionBuffers) error {\n'
assert old in src, "simplego's executeNode changed: update op-profile.sh"
src = src.replace(old, hook, 1)
src = src.replace('import (\n', 'import (\n\t"fmt"\n\t"os"\n\t"sort"\n\t"strings"\n\t"time"\n', 1)
open(path, 'w').write(src)
PY
OUT="$SCRATCH/profile.txt"
SIMPLEGO_PROF="$OUT" go test -mod=vendor -tags opprofile -run TestOpProfile -count=1 ./dt >/dev/null
echo "op profile: task ${TASK:-parity_last2}, settings \"${SET:-}\", 200 steps at batch ${BATCH:-128}"
cat "$OUT"
