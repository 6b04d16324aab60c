package truthtable

import (
	"math"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// grid returns every tuple of n inputs with values 0..base-1.
func grid(n, base int) [][]float64 {
	out := [][]float64{{}}
	for range n {
		var next [][]float64
		for _, row := range out {
			for v := range base {
				next = append(next, append(append([]float64{}, row...), float64(v)))
			}
		}
		out = next
	}
	return out
}

// tabulate returns the targets of f on every row.
func tabulate(X [][]float64, f func(x []float64) float64) []float64 {
	y := make([]float64, len(X))
	for i, x := range X {
		y[i] = f(x)
	}
	return y
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// synthesizeExact runs Synthesize and checks that the expression reproduces every sample.
func synthesizeExact(t *testing.T, X [][]float64, y []float64, vars []string) *Result {
	t.Helper()
	res, err := Synthesize(X, y, vars, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found {
		t.Fatalf("not found: %s", res.Reason)
	}
	for i, x := range X {
		got := program.EvalExpr(res.Expr, func(name string) float64 {
			for j, v := range vars {
				if v == name {
					return x[j]
				}
			}
			t.Fatalf("unknown variable %s", name)
			return 0
		})
		if got != y[i] {
			t.Fatalf("%s at %v = %g, want %g", program.FormatExpr(res.Expr), x, got, y[i])
		}
	}
	t.Logf("%s (complexity %d, %d fits, %.2fs), steps %v, dropped %v", program.FormatExpr(res.Expr), res.Complexity, res.Fits, res.Seconds, res.Steps, res.Dropped)
	return res
}

// The next digit of a base-b addition read by an autoregressive model: the digits a, b at t,
// the digits and the output at t-1. The carry into t is [y1 < a1 + b1] (see the package doc),
// a decomposition through {a1, b1, y1} with 2 classes.
func TestAdditionWithCarry(t *testing.T) {
	for _, base := range []int{2, 3, 5} {
		X := grid(5, base)
		vars := []string{"a", "b", "a1", "b1", "y1"}
		var keep [][]float64
		for _, x := range X { // y1 must be a possible output: (a1 + b1 + carry) mod base
			s := int(x[2] + x[3])
			if int(x[4]) == s%base || int(x[4]) == (s+1)%base {
				keep = append(keep, x)
			}
		}
		y := tabulate(keep, func(x []float64) float64 {
			return float64((int(x[0]+x[1]) + int(b2f(x[4] < x[2]+x[3]))) % base)
		})
		res := synthesizeExact(t, keep, y, vars)
		if len(res.Steps) == 0 {
			t.Errorf("base %d: found without a decomposition; the test no longer tests it", base)
		}
	}
}

// Base 7 has 16,807 tuples of five digits (4,802 of them possible), and an observation of 20,000
// positions shows a part of them: the table is partial and larger than a small domain, and the
// decomposition through the carry still reads it exactly. (Its size is why MaxRows is 20,000.)
func TestAdditionWithCarryPartialTable(t *testing.T) {
	const base = 7
	state := uint64(11)
	digit := func() float64 {
		state = state*6364136223846793005 + 1442695040888963407
		return float64((state >> 33) % base)
	}
	seen := map[[5]float64]bool{}
	var X [][]float64
	for range 20000 {
		a, b, a1, b1, c := digit(), digit(), digit(), digit(), float64(int(digit())%2)
		x := [5]float64{a, b, a1, b1, float64(int(a1+b1+c) % base)}
		if !seen[x] {
			seen[x] = true
			X = append(X, x[:])
		}
	}
	if len(X) <= 4096 {
		t.Fatalf("%d distinct tuples: the test wants more than 4,096", len(X))
	}
	y := tabulate(X, func(x []float64) float64 {
		return float64((int(x[0]+x[1]) + int(b2f(x[4] < x[2]+x[3]))) % base)
	})
	res := synthesizeExact(t, X, y, []string{"a", "b", "a1", "b1", "y1"})
	if len(res.Steps) == 0 {
		t.Error("found without a decomposition; the test no longer tests it")
	}
}

// "The last four bits alternate": symbolic regression over the four bits does not reach it.
func TestAlternatingWindow(t *testing.T) {
	X := grid(6, 2)
	vars := []string{"x", "p1", "p2", "p3", "p4", "p5"} // p4, p5 are irrelevant
	y := tabulate(X, func(x []float64) float64 {
		return b2f(x[0] != x[1] && x[1] != x[2] && x[2] != x[3])
	})
	res := synthesizeExact(t, X, y, vars)
	if strings.Join(res.Dropped, " ") != "p4 p5" {
		t.Errorf("dropped %v, want [p4 p5]", res.Dropped)
	}
}

func TestDirectFitAfterDropping(t *testing.T) {
	X := grid(5, 2)
	vars := []string{"a", "b", "c", "d", "e"}
	y := tabulate(X, func(x []float64) float64 { return math.Mod(x[1]+x[3]*x[4], 2) })
	res := synthesizeExact(t, X, y, vars)
	if len(res.Dropped) != 2 {
		t.Errorf("dropped %v, want a and c", res.Dropped)
	}
}

func TestDeclines(t *testing.T) {
	cases := []struct {
		name   string
		X      [][]float64
		y      []float64
		reason string
	}{
		{"not a function", [][]float64{{1}, {1}}, []float64{0, 1}, "do not determine"},
		{"real targets", [][]float64{{1}, {2}}, []float64{0.5, 1}, "not an integer"},
		{"many values", grid(1, 40), make([]float64, 40), "takes 40 values"},
	}
	for _, c := range cases {
		res, err := Synthesize(c.X, c.y, []string{"x"}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Found || !strings.Contains(res.Reason, c.reason) {
			t.Errorf("%s: found %v, reason %q, want %q", c.name, res.Found, res.Reason, c.reason)
		}
	}
	if _, err := Synthesize([][]float64{{1}}, []float64{1, 2}, []string{"x"}, Options{}); err == nil {
		t.Error("mismatched lengths: no error")
	}
}

// A table with no structure: a random function of four 3-valued inputs is not synthesized, and
// the search stays within its budget.
func TestRandomTableNotFound(t *testing.T) {
	X := grid(4, 3)
	state := uint64(7)
	y := tabulate(X, func([]float64) float64 {
		state = state*6364136223846793005 + 1442695040888963407
		return float64(state >> 62)
	})
	res, err := Synthesize(X, y, []string{"a", "b", "c", "d"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Found {
		t.Errorf("found %s for a random table", program.FormatExpr(res.Expr))
	}
	if res.Fits > (Options{}).withDefaults().MaxFits {
		t.Errorf("%d fits, more than the budget", res.Fits)
	}
	t.Log(res.Reason, res.Seconds)
}

func TestDeterministic(t *testing.T) {
	X := grid(4, 2)
	y := tabulate(X, func(x []float64) float64 { return b2f(x[0] != x[1] && x[1] != x[2] && x[2] != x[3]) })
	a, _ := Synthesize(X, y, []string{"x", "p1", "p2", "p3"}, Options{})
	b, _ := Synthesize(X, y, []string{"x", "p1", "p2", "p3"}, Options{})
	if !a.Found || program.FormatExpr(a.Expr) != program.FormatExpr(b.Expr) {
		t.Errorf("two runs differ: %v vs %v", a.Expr, b.Expr)
	}
}

// BenchmarkSynthesize: the two decompositions of the package doc (go test -bench Synthesize).
func BenchmarkSynthesize(b *testing.B) {
	carry := grid(5, 3)
	var keep [][]float64
	for _, x := range carry {
		s := int(x[2] + x[3])
		if int(x[4]) == s%3 || int(x[4]) == (s+1)%3 {
			keep = append(keep, x)
		}
	}
	cases := []struct {
		name string
		X    [][]float64
		y    []float64
		vars []string
	}{
		{"base3_carry", keep, tabulate(keep, func(x []float64) float64 {
			return float64((int(x[0]+x[1]) + int(b2f(x[4] < x[2]+x[3]))) % 3)
		}), []string{"a", "b", "a1", "b1", "y1"}},
		{"alternating4", grid(4, 2), tabulate(grid(4, 2), func(x []float64) float64 {
			return b2f(x[0] != x[1] && x[1] != x[2] && x[2] != x[3])
		}), []string{"x", "p1", "p2", "p3"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				res, err := Synthesize(c.X, c.y, c.vars, Options{})
				if err != nil || !res.Found {
					b.Fatal(err, res.Reason)
				}
			}
		})
	}
}
