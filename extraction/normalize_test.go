package extraction

import (
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

// TestModelSlips checks the one allowance of the check against the hard model: rare positions
// where the model is wrong and the program right.
func TestModelSlips(t *testing.T) {
	tk := &task.Task{Integer: true}
	seq := func(vs ...float64) [][][]float64 {
		out := [][][]float64{{}}
		for _, v := range vs {
			out[0] = append(out[0], []float64{v})
		}
		return out
	}
	ref := seq(make([]float64, 1000)...)
	prog := seq(make([]float64, 1000)...)
	model := seq(make([]float64, 1000)...)
	model[0][17][0] = 1 // the model slips once in 1000 positions; the program does not
	if n, ok := modelSlips(tk, model, prog, ref); !ok || n != 1 {
		t.Errorf("one model slip in 1000: got %d, %v; want 1, true", n, ok)
	}
	prog[0][40][0] = 2 // the program is wrong somewhere: no allowance
	if _, ok := modelSlips(tk, model, prog, ref); ok {
		t.Error("a program that differs from the reference passed")
	}
	prog[0][40][0] = 0
	for p := 0; p < 20; p++ { // 2% of positions: too many
		model[0][100+p][0] = 1
	}
	if _, ok := modelSlips(tk, model, prog, ref); ok {
		t.Error("a model that slips on 2% of positions passed")
	}
}
