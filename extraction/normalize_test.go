package extraction

import (
	"math"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/task"
)

// expr parses one expression over a, b through a one-line program.
func expr(t *testing.T, src string) program.Expr {
	t.Helper()
	p, err := program.Parse("program e(a, b) -> y:\n  for t:\n    y = " + src + "\n")
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return p.Outputs[0].Expr
}

func TestStripAffine(t *testing.T) {
	cases := map[string]string{
		"8.75 * (a * b)":        "a * b",
		"-7.75 * (a mod 2) + 5": "a mod 2",
		"3 - (a mod 2)":         "a mod 2",
		"-(a + b)":              "a + b",
		"(a - b) / 4 - 1":       "a - b",
		"a + b":                 "a + b", // a sum of variables is no wrapper
		"2 * a + 3 * b":         "2 * a + 3 * b",
		"(a > 2) * 0.5 + 0.25":  "a > 2",
		"a mod 2":               "a mod 2",
		"max(a, b) * 3 - 3":     "max(a, b)",
	}
	for src, want := range cases {
		got := program.FormatExpr(stripAffine(expr(t, src)))
		if got != program.FormatExpr(expr(t, want)) {
			t.Errorf("stripAffine(%s) = %s, want %s", src, got, want)
		}
	}
}

// TestNormalizeKeepsReadoutsAndKeys checks that normalize only touches slots whose readers do not
// care about scale: not an output, not the key of a content head.
func TestNormalizeKeepsReadoutsAndKeys(t *testing.T) {
	st := &dt.Structure{
		Heads:   []dt.Head{{Family: dt.FamilySum, Value: 5, Slot: 6}, {Family: dt.FamilyArgMax, Key: 7, Value: 0, Slot: 8}},
		Readout: []dt.Readout{{Slot: 9, A: 1}},
	}
	e := expr(t, "8.75 * (a * b)")
	if f, ok := normalize(e, 5, st); !ok || program.FormatExpr(f) != "a * b" {
		t.Errorf("slot read by a prefix sum: got %v, %v; want a * b", f, ok)
	}
	if _, ok := normalize(e, 7, st); ok {
		t.Error("the key of an argmax head was normalized (a negative scale would turn it into an argmin)")
	}
	if _, ok := normalize(e, 9, st); ok {
		t.Error("an output slot was normalized")
	}
	if _, ok := normalize(expr(t, "a * b"), 5, st); ok {
		t.Error("a formula with no wrapper reported a normalization")
	}
}

// TestModelSlips checks the one allowance of the check against the hard model of an integer
// task: rare positions where the model is wrong and the program right, also when the positions
// come in several batches (certification streams its data in chunks).
func TestModelSlips(t *testing.T) {
	tk := &task.Task{Integer: true}
	seq := func(vs ...float64) [][][]float64 {
		out := [][][]float64{{}}
		for _, v := range vs {
			out[0] = append(out[0], []float64{v})
		}
		return out
	}
	check := func(model, prog, ref [][][]float64) Check {
		m := newModelTally(tk)
		half := len(ref[0]) / 2
		for _, part := range [][2]int{{0, half}, {half, len(ref[0])}} {
			cut := func(x [][][]float64) [][][]float64 { return [][][]float64{x[0][part[0]:part[1]]} }
			m.addOutputs(cut(ref), cut(ref), cut(model), cut(prog))
		}
		return m.check(Options{}.withDefaults())
	}
	ref := seq(make([]float64, 1000)...)
	prog := seq(make([]float64, 1000)...)
	model := seq(make([]float64, 1000)...)
	model[0][17][0] = 0.6 // the model slips once (0.6 rounds to 1) in 1000 positions
	model[0][700][0] = 1  // and once in the second batch; the program does not
	if c := check(model, prog, ref); !c.Passed || c.ModelErrors != 2 || c.Agree != 998 {
		t.Errorf("two model slips in 1000: got passed=%v, %d slips, %d agree; want true, 2, 998", c.Passed, c.ModelErrors, c.Agree)
	}
	prog[0][40][0] = 2 // the program is wrong somewhere: no allowance
	if c := check(model, prog, ref); c.Passed {
		t.Error("a program that differs from the reference passed")
	}
	prog[0][40][0] = 0
	for p := 0; p < 20; p++ { // 2.2% of positions: too many
		model[0][100+p][0] = 1
	}
	if c := check(model, prog, ref); c.Passed {
		t.Error("a model that slips on 2.2% of positions passed")
	}
	if c := check(ref, prog, ref); !c.Passed || c.ModelErrors != 0 {
		t.Errorf("a program equal to the model: passed=%v with %d slips", c.Passed, c.ModelErrors)
	}
}

// TestRealModelCheck checks the fixed bound on a real-valued program against the hard model: a
// program equal to the reference passes only when the model is within the bound, whatever the
// model's own error.
func TestRealModelCheck(t *testing.T) {
	tk := &task.Task{}
	ref := make([][][]float64, 1)
	for p := 0; p < 1000; p++ {
		ref[0] = append(ref[0], []float64{float64(p%17) - 8})
	}
	noisy := func(eps float64) [][][]float64 { // the model: the reference plus a wobble
		out := [][][]float64{make([][]float64, len(ref[0]))}
		for p, v := range ref[0] {
			out[0][p] = []float64{v[0] + eps*float64(p%3-1)}
		}
		return out
	}
	for _, c := range []struct {
		eps  float64
		pass bool
	}{{0, true}, {1e-3, true}, {0.05, true}, {0.2, false}, {3, false}} {
		m := newModelTally(tk)
		m.addOutputs(ref, ref, noisy(c.eps), ref)
		ch := m.check(Options{}.withDefaults())
		if ch.Passed != c.pass {
			t.Errorf("model off by %g (relative MSE %.3g): passed=%v, want %v", c.eps, ch.RelativeMSE, ch.Passed, c.pass)
		}
		// Here the program is the reference, so the model's own error is the program's, up to the
		// variance it is measured against (the reference's, not the model's).
		if ch.ModelTolerance != DefaultModelTolerance || math.Abs(ch.ModelRelativeMSE-ch.RelativeMSE) > 0.3*ch.RelativeMSE {
			t.Errorf("model off by %g: tolerance %g, model's own relative MSE %g (program's %g)", c.eps, ch.ModelTolerance, ch.ModelRelativeMSE, ch.RelativeMSE)
		}
	}
}
