package extraction

import (
	"math"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// TestSynthesizeCarry builds the columns an autoregressive binary-addition model's output
// sub-MLP reads (a, b, a[t-1], b[t-1] and its own output at t-1, read back with the network's
// error) and outputs that no formula fits; synthesis fits the targets through the carry.
func TestSynthesizeCarry(t *testing.T) {
	tk, err := registry.Lookup("binary_addition")
	if err != nil {
		t.Fatal(err)
	}
	b := tk.Sample(task.RNG(1, task.StreamExtract, 0), 300, tk.Length)
	cols := make([][]float64, 5)
	var sloppy []float64
	for i, seq := range b.Ys {
		for ti := range seq {
			prev, y1 := []float64{0, 0}, 0.0
			if ti > 0 {
				prev, y1 = b.Xs[i][ti-1], seq[ti-1][0]
			}
			cur := b.Xs[i][ti]
			noise := 0.3 * math.Sin(float64(len(sloppy))) // the read-back is the model's output
			for c, v := range []float64{cur[0], cur[1], prev[0], prev[1], y1 + noise} {
				cols[c] = append(cols[c], v)
			}
			sloppy = append(sloppy, 0.6*seq[ti][0]+0.2+0.1*math.Cos(float64(len(sloppy))))
		}
	}
	vars := []string{"a", "b", "prev1_a", "prev1_b", "prev1_y"}
	r := &dt.Run{Task: tk, Seed: 1}
	obs := &observation{batch: b}
	failed := MLPReport{Module: "L0.mlp0"}
	if _, _, _, ok := synthesize(r, obs, sloppy, -1, cols, vars, []bool{false, false, false, false, true}, failed, Options{}.withDefaults()); ok {
		t.Fatal("synthesized without a target: the outputs are not integers and no output reads the sub-MLP alone")
	}
	if _, _, _, ok := synthesize(r, obs, sloppy, 0, cols, vars, make([]bool, 5), failed, Options{}.withDefaults()); ok {
		t.Fatal("synthesized with the read-back's noise in the table")
	}
	e, rep, targets, ok := synthesize(r, obs, sloppy, 0, cols, vars, []bool{false, false, false, false, true}, failed, Options{}.withDefaults())
	if !ok || !targets || !rep.Targets || e == nil {
		t.Fatalf("not synthesized from the targets: ok %v, targets %v", ok, targets)
	}
	if !strings.Contains(rep.Formula, "prev1_y < prev1_a + prev1_b") || len(rep.Synthesis) < 2 || rep.Model == nil {
		t.Errorf("formula %s, steps %v: want the carry [prev1_y < prev1_a + prev1_b] from a decomposition", rep.Formula, rep.Synthesis)
	}
	t.Log(rep.Formula, rep.Synthesis)
}

// TestSynthesisEndToEnd extracts a committed model: base_3_addition trained autoregressively
// (rung a10_ar_2d, seed 1, 2000 steps), exact on every held-out sequence, whose output sub-MLP
// reads five digits. Symbolic regression finds no formula for it; synthesis finds the carry and
// the program is verified.
func TestSynthesisEndToEnd(t *testing.T) {
	res := extractVerified(t, "testdata/base_3_addition_ar")
	var synth *MLPReport
	for i := range res.MLPs {
		if len(res.MLPs[i].Synthesis) > 0 {
			synth = &res.MLPs[i]
		}
	}
	if synth == nil || synth.Model == nil || synth.Model.Found {
		t.Fatalf("no sub-MLP synthesized after a failed symbolic regression: %+v", res.MLPs)
	}
	if !strings.Contains(synth.Formula, " mod 3") {
		t.Errorf("formula %s: want a digit sum mod 3", synth.Formula)
	}
	t.Log(res.Program, synth.Synthesis)
}

// extractVerified extracts the committed run folder dir with the default options and fails the
// test unless the program is verified.
func extractVerified(t *testing.T, dir string) *Result {
	t.Helper()
	r, err := dt.Open(dir, registry.Lookup)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Extract(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("%s: not verified: %s", dir, res.Failure)
	}
	return res
}
