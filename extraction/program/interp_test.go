package program

import (
	"math"
	"math/rand/v2"
	"testing"
)

// checkRun runs p on xs and compares with hand-computed outputs.
func checkRun(t *testing.T, p *Program, xs, want [][]float64) {
	t.Helper()
	if d := diffOutputs(want, mustRun(t, p, xs)); d != "" {
		t.Errorf("%s: %s", p.Name, d)
	}
}

func TestRunParityLast2(t *testing.T) {
	checkRun(t, parityLast2(), seq(1, 1, 0, 1, 0, 0), seq(1, 0, 1, 1, 1, 0))
}

func TestRunMaxSeen(t *testing.T) {
	checkRun(t, maxSeen(), seq(-3, -5, 2, 1, 2, 7, -1), seq(-3, -3, 2, 2, 2, 7, 7))
}

func TestRunIntegrator(t *testing.T) {
	// v = 1, 3, 6, 6; p = 1, 4, 10, 16.
	want := [][]float64{{1, 1}, {4, 3}, {10, 6}, {16, 6}}
	checkRun(t, integrator(), seq(1, 2, 3, 0), want)
}

func TestRunPointers(t *testing.T) {
	xs := [][]float64{{1, 5}, {2, 7}, {3, 5}, {4, 7}, {5, 2}}
	// first, sum, mean, x at the latest max k, x at the latest min k, x at the last earlier
	// equal k (0 when none), k[t-2].
	want := [][]float64{
		{1, 1, 1, 1, 1, 0, 0},
		{1, 3, 1.5, 2, 1, 0, 0},
		{1, 6, 2, 2, 3, 1, 5},
		{1, 10, 2.5, 4, 3, 2, 7},
		{1, 15, 3, 4, 5, 0, 5},
	}
	checkRun(t, pointerZoo(), xs, want)
}

func TestRunLastEqualSelfValue(t *testing.T) {
	// last_eq_x = x[j] for the last earlier j with x[j] == x[t]: x itself when seen before.
	p := &Program{
		Name:    "seen_before",
		Inputs:  []string{"x"},
		Body:    []Stmt{Attend{"last_eq_x", Pointer{Kind: LastEqual, Key: "x"}, "x"}},
		Outputs: []Output{{"y", v("last_eq_x")}},
	}
	checkRun(t, p, seq(4, 2, 4, 3, 2, 2), seq(0, 0, 4, 0, 2, 2))
}

func TestRunRecurrentLastEqual(t *testing.T) {
	// count[t] = 1 + count at the last earlier equal x: the number of times x was seen so far.
	p := &Program{
		Name:   "count_seen",
		Inputs: []string{"x"},
		Body: []Stmt{
			Attend{"count_at_last", Pointer{Kind: LastEqual, Key: "x"}, "count"},
			Assign{"count", bin(Add, v("count_at_last"), c(1))},
		},
		Outputs: []Output{{"y", v("count")}},
	}
	checkRun(t, p, seq(4, 2, 4, 4, 2, 9), seq(1, 1, 2, 3, 2, 1))
}

func TestRunBuiltinsAndEmpty(t *testing.T) {
	p := &Program{
		Name:    "positions",
		Inputs:  []string{"x"},
		Body:    []Stmt{Attend{"sum_one", Pointer{Kind: PrefixSum}, "one"}},
		Outputs: []Output{{"y", bin(Sub, v("sum_one"), v("pos"))}},
	}
	checkRun(t, p, seq(9, 9, 9), seq(1, 1, 1))
	checkRun(t, p, nil, nil)
}

func TestRunArgMaxTiesAndNaN(t *testing.T) {
	p := &Program{
		Name:    "latest_max",
		Inputs:  []string{"k", "x"},
		Body:    []Stmt{Attend{"x_at_argmax_k", Pointer{Kind: ArgMax, Key: "k"}, "x"}},
		Outputs: []Output{{"y", v("x_at_argmax_k")}},
	}
	nan := math.NaN()
	xs := [][]float64{{1, 10}, {1, 20}, {nan, 30}, {0, 40}, {1, 50}}
	checkRun(t, p, xs, seq(10, 20, 20, 20, 50))
}

func TestProtectedArithmetic(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		op   BinaryOp
		x, y float64
		want float64
	}{
		{Div, 3, 0, 0}, {Div, 3, 2, 1.5}, {Mod, 3, 0, 0}, {Mod, -1, 3, 2}, {Mod, 1, -3, -2},
		{Mod, 5.5, 2, 1.5}, {Mod, -5, inf, inf}, {Mod, 5, inf, 5}, {Mod, inf, 3, nan},
		{Less, 1, 2, 1}, {Less, nan, 2, 0}, {NotEqual, nan, nan, 1}, {Min, nan, 1, nan},
		{Max, 1, nan, nan}, {Min, -inf, nan, nan}, {Max, 2, 3, 3},
	}
	for _, tc := range cases {
		if got := ApplyBinary(tc.op, tc.x, tc.y); !sameNumber(got, tc.want) {
			t.Errorf("%v %s %v = %v, want %v", tc.x, tc.op, tc.y, got, tc.want)
		}
	}
	unary := []struct {
		op      UnaryOp
		x, want float64
	}{
		{Sqrt, -4, 2}, {Round, 2.5, 3}, {Round, -2.5, -3}, {Round, 0.49999999999999994, 0},
		{Floor, -0.5, -1}, {Exp, 1000, inf}, {Sin, inf, nan}, {Square, -3, 9},
	}
	for _, tc := range unary {
		if got := ApplyUnary(tc.op, tc.x); !sameNumber(got, tc.want) {
			t.Errorf("%s(%v) = %v, want %v", tc.op, tc.x, got, tc.want)
		}
	}
}

// TestCompiledMatchesEvalExpr checks that the compiled closures compute what the reference
// evaluator computes, on random formulas.
func TestCompiledMatchesEvalExpr(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	g := &gen{c: rngChooser{r}, opt: genOptions{transcendental: true}}
	vars := []string{"x", "y", "pos", "one"}
	slots := map[string]int{"x": 0, "y": 1, "pos": 2, "one": 3}
	for range 3000 {
		e := g.expr(4, vars)
		row := []float64{float64(r.IntN(9) - 4), r.NormFloat64(), float64(r.IntN(5)), 1}
		want := EvalExpr(e, func(name string) float64 { return row[slots[name]] })
		if got := compileExpr(e, slots)(row); !sameNumber(got, want) {
			t.Fatalf("%s at %v: compiled %v, EvalExpr %v", FormatExpr(e), row, got, want)
		}
	}
}

func TestRunTrace(t *testing.T) {
	ys, trace, err := integrator().RunTrace(seq(1, 2, 3))
	if err != nil {
		t.Fatal(err)
	}
	if d := diffOutputs([][]float64{{1, 1}, {4, 3}, {10, 6}}, ys); d != "" {
		t.Error(d)
	}
	want := map[string][]float64{"F": {1, 2, 3}, "pos": {0, 1, 2}, "one": {1, 1, 1},
		"prev1_v": {0, 1, 3}, "prev1_p": {0, 1, 4}, "v": {1, 3, 6}, "p": {1, 4, 10}}
	for name, column := range want {
		if d := diffOutputs(seq(column...), seq(trace[name]...)); d != "" {
			t.Errorf("trace of %s: %s", name, d)
		}
	}
}

func TestRunRejectsBadShapes(t *testing.T) {
	if _, err := parityLast2().Run([][]float64{{1}, {1, 2}}); err == nil {
		t.Error("want an error for a position with two channels")
	}
}

// BenchmarkRun measures one sequence of length 50 through a ten-statement program, the
// verification's workload (10,000 such runs).
func BenchmarkRun(b *testing.B) {
	p := &Program{
		Name:   "bench",
		Inputs: []string{"x", "k"},
		Body: []Stmt{
			prev("prev1_x", "x", 1),
			prev("prev2_x", "x", 2),
			Attend{"sum_x", Pointer{Kind: PrefixSum}, "x"},
			Attend{"max_k", Pointer{Kind: ArgMax, Key: "k"}, "k"},
			Attend{"last_eq_k", Pointer{Kind: LastEqual, Key: "k"}, "x"},
			Assign{"h1", bin(Add, v("x"), v("prev1_x"))},
			Assign{"h2", bin(Mod, v("h1"), c(2))},
			Assign{"h3", bin(Greater, bin(Mul, v("sum_x"), c(0.5)), v("max_k"))},
			Assign{"h4", un(Abs, bin(Sub, v("prev2_x"), v("last_eq_k")))},
			Assign{"h5", bin(Add, v("h2"), bin(Mul, v("h3"), v("h4")))},
		},
		Outputs: []Output{{"y", v("h5")}, {"z", bin(Max, v("h1"), v("h4"))}},
	}
	compiled, err := p.Compile()
	if err != nil {
		b.Fatal(err)
	}
	xs := randomSequence(rand.New(rand.NewPCG(5, 6)), 50, 2)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compiled.Run(xs); err != nil {
			b.Fatal(err)
		}
	}
}
