package symreg

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// grid returns all points of the cartesian product of the given value lists.
func grid(vals ...[]float64) [][]float64 {
	out := [][]float64{{}}
	for _, vs := range vals {
		var next [][]float64
		for _, p := range out {
			for _, v := range vs {
				next = append(next, append(append([]float64(nil), p...), v))
			}
		}
		out = next
	}
	return out
}

func ints(lo, hi int) []float64 {
	var v []float64
	for i := lo; i <= hi; i++ {
		v = append(v, float64(i))
	}
	return v
}

// uniform returns n rows of k values uniform in [lo, hi).
func uniform(r *rand.Rand, n, k int, lo, hi float64) [][]float64 {
	X := make([][]float64, n)
	for i := range X {
		X[i] = make([]float64, k)
		for j := range X[i] {
			X[i][j] = lo + (hi-lo)*r.Float64()
		}
	}
	return X
}

// repeat repeats the rows of X (as samples from integer tasks do).
func repeat(X [][]float64, times int) [][]float64 {
	var out [][]float64
	for t := 0; t < times; t++ {
		out = append(out, X...)
	}
	return out
}

func targets(X [][]float64, f func(x []float64) float64, noise float64, r *rand.Rand) []float64 {
	y := make([]float64, len(X))
	for i, x := range X {
		y[i] = f(x)
		if noise > 0 {
			y[i] += noise * r.NormFloat64()
		}
	}
	return y
}

// checkFit fits and checks that the chosen expression is within tolerance, no more complex
// than maxC, and agrees with f on the inputs (up to tol per point).
func checkFit(t *testing.T, X [][]float64, y []float64, vars []string, opts Options, f func(x []float64) float64, maxC int, pointTol float64) *Result {
	t.Helper()
	res, err := Fit(X, y, vars, opts)
	if err != nil {
		t.Fatalf("Fit: %v", err)
	}
	t.Logf("best %s (complexity %d, MSE %.3g, tol %.3g), stop %s, evals %d, front %d", program.FormatExpr(res.Best.Expr), res.Best.Complexity, res.Best.MSE, res.Tolerance, res.Stop, res.Evals, len(res.Front))
	if !res.Found {
		t.Fatalf("no expression within tolerance: %v", res.Err())
	}
	if res.Best.Complexity != program.ExprSize(res.Best.Expr) {
		t.Errorf("complexity %d, program.ExprSize(expr) = %d", res.Best.Complexity, program.ExprSize(res.Best.Expr))
	}
	if res.Best.Complexity > maxC {
		t.Errorf("complexity %d > %d: %s", res.Best.Complexity, maxC, program.FormatExpr(res.Best.Expr))
	}
	checkResult(t, res, X, y, vars, 12)
	env := map[string]float64{}
	for _, x := range X {
		for j, name := range vars {
			env[name] = x[j]
		}
		got, err := evalScalar(res.Best.Expr, env)
		if err != nil {
			t.Fatal(err)
		}
		if want := f(x); math.Abs(got-want) > pointTol {
			t.Fatalf("at %v: %s = %v, want %v", x, program.FormatExpr(res.Best.Expr), got, want)
		}
	}
	return res
}

type recoverCase struct {
	name     string
	X        [][]float64
	vars     []string
	f        func(x []float64) float64
	maxC     int
	integer  bool
	pointTol float64 // noiseless; with noise it is raised to 0.02
}

func recoverCases() []recoverCase {
	r := rand.New(rand.NewPCG(1, 2))
	cont2 := uniform(r, 1000, 2, -3, 3)
	cont1 := uniform(r, 1000, 1, -3, 3)
	bits := repeat(grid([]float64{0, 1}, []float64{0, 1}), 50)
	small := repeat(grid(ints(0, 9), ints(0, 9)), 5)
	return []recoverCase{
		{"x+y", cont2, []string{"x", "y"}, func(x []float64) float64 { return x[0] + x[1] }, 3, false, 1e-9},
		{"abs(x-y)", cont2, []string{"x", "y"}, func(x []float64) float64 { return math.Abs(x[0] - x[1]) }, 4, false, 1e-9},
		{"(x+y) mod 2", bits, []string{"x", "y"}, func(x []float64) float64 { return math.Mod(x[0]+x[1], 2) }, 5, true, 1e-9},
		{"x*y", cont2, []string{"x", "y"}, func(x []float64) float64 { return x[0] * x[1] }, 3, false, 1e-9},
		{"max(x,y)", cont2, []string{"x", "y"}, func(x []float64) float64 { return math.Max(x[0], x[1]) }, 3, false, 1e-9},
		{"3.2x-1.5", cont1, []string{"x"}, func(x []float64) float64 { return 3.2*x[0] - 1.5 }, 5, false, 1e-9},
		{"sin(x)", cont1, []string{"x"}, func(x []float64) float64 { return math.Sin(x[0]) }, 2, false, 1e-9},
		{"x mod 3", repeat(grid(ints(0, 30)), 4), []string{"x"}, func(x []float64) float64 { return math.Mod(x[0], 3) }, 3, true, 1e-9},
		{"x == y", small, []string{"x", "y"}, func(x []float64) float64 { return program.Indicator(x[0] == x[1]) }, 3, true, 1e-9},
		{"x-y", cont2, []string{"x", "y"}, func(x []float64) float64 { return x[0] - x[1] }, 3, false, 1e-9},
		{"2x+1", repeat(grid(ints(0, 20)), 3), []string{"x"}, func(x []float64) float64 { return 2*x[0] + 1 }, 5, true, 1e-9},
		{"floor(x/15)", repeat(grid(ints(0, 150)), 2), []string{"x"}, func(x []float64) float64 { return math.Floor(x[0] / 15) }, 4, true, 1e-9},
	}
}

func TestRecoverNoiseless(t *testing.T) {
	for _, c := range recoverCases() {
		t.Run(c.name, func(t *testing.T) {
			y := targets(c.X, c.f, 0, nil)
			checkFit(t, c.X, y, c.vars, Options{Integer: c.integer, Seed: 1}, c.f, c.maxC, c.pointTol)
		})
	}
}

func TestRecoverNoisy(t *testing.T) {
	for _, c := range recoverCases() {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, 8))
			y := targets(c.X, c.f, 1e-3, r)
			checkFit(t, c.X, y, c.vars, Options{Integer: c.integer, Seed: 1}, c.f, c.maxC, 0.02)
		})
	}
}

// TestConstantsExact: 3.2x − 1.5 on noiseless data has its constants within 1e-6 relative.
func TestConstantsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	X := uniform(r, 1000, 1, -3, 3)
	y := targets(X, func(x []float64) float64 { return 3.2*x[0] - 1.5 }, 0, nil)
	res, err := Fit(X, y, []string{"x"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var consts []float64
	var walk func(e program.Expr)
	walk = func(e program.Expr) {
		switch e := e.(type) {
		case program.Const:
			consts = append(consts, e.Value)
		case program.Unary:
			walk(e.X)
		case program.Binary:
			walk(e.X)
			walk(e.Y)
		}
	}
	walk(res.Best.Expr)
	t.Logf("%s", program.FormatExpr(res.Best.Expr))
	if len(consts) != 2 {
		t.Fatalf("want 2 constants in %s", program.FormatExpr(res.Best.Expr))
	}
	want := map[float64]bool{3.2: false, 1.5: false}
	for _, c := range consts {
		for w := range want {
			if math.Abs(c-w) <= 1e-6*w {
				want[w] = true
			}
		}
	}
	for w, ok := range want {
		if !ok {
			t.Errorf("constant %v not found in %s", w, program.FormatExpr(res.Best.Expr))
		}
	}
}

// TestIntegerSnapping: 2x + 1 with noise snaps to integer constants and an integer-valued
// program.
func TestIntegerSnapping(t *testing.T) {
	X := repeat(grid(ints(0, 20)), 3)
	r := rand.New(rand.NewPCG(5, 6))
	y := targets(X, func(x []float64) float64 { return 2*x[0] + 1 }, 1e-3, r)
	res, err := Fit(X, y, []string{"x"}, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found {
		t.Fatal(res.Err())
	}
	e := res.Best.Expr
	if got := program.FormatExpr(e); got != "2 * x + 1" && got != "x + x + 1" && got != "x + 1 + x" {
		t.Errorf("got %s, want 2*x + 1", got)
	}
	for x := 0.0; x <= 20; x++ {
		v, _ := evalScalar(e, map[string]float64{"x": x})
		if v != 2*x+1 {
			t.Fatalf("%s at %v = %v", program.FormatExpr(e), x, v)
		}
	}
}

// TestNoiseFails: a random target has no expression within tolerance.
func TestNoiseFails(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	X := uniform(r, 500, 2, -1, 1)
	y := make([]float64, len(X))
	for i := range y {
		y[i] = r.NormFloat64()
	}
	res, err := Fit(X, y, []string{"x", "y"}, Options{MaxEvals: 100000})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("best %s MSE %.3g tol %.3g stop %s evals %d", program.FormatExpr(res.Best.Expr), res.Best.MSE, res.Tolerance, res.Stop, res.Evals)
	if res.Found {
		t.Fatalf("found %s on noise", program.FormatExpr(res.Best.Expr))
	}
	if res.Err() == nil {
		t.Fatal("Err() is nil")
	}
	if len(res.Front) == 0 || res.Best.Expr == nil {
		t.Fatal("no best expression reported")
	}
}

// TestDeterminism: the same seed gives the same Result (also with subsampling).
func TestDeterminism(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	X := uniform(r, 2000, 2, -2, 2)
	y := targets(X, func(x []float64) float64 { return math.Sin(x[0])*x[1] + 0.3*x[0]*x[0] }, 0.01, r)
	opts := Options{Seed: 42, MaxEvals: 60000}
	a, err := Fit(X, y, []string{"x", "y"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Fit(X, y, []string{"x", "y"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if a.Stop == StopTime {
		t.Skip("time limit hit")
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("results differ:\n%+v\n%+v", a, b)
	}
	t.Logf("best %s, front %d, evals %d", program.FormatExpr(a.Best.Expr), len(a.Front), a.Evals)
}

// directMSE measures e on the raw samples.
func directMSE(t *testing.T, e program.Expr, X [][]float64, y []float64, vars []string) float64 {
	t.Helper()
	var s float64
	env := map[string]float64{}
	for i, x := range X {
		for j, name := range vars {
			env[name] = x[j]
		}
		v, err := evalScalar(e, env)
		if err != nil {
			t.Fatal(err)
		}
		s += (v - y[i]) * (v - y[i])
	}
	return s / float64(len(y))
}

// checkResult checks the invariants of a Result: complexities are the expressions' sizes, MSEs
// are the exact MSEs over all samples, and the front is a strict Pareto front that starts at
// complexity 1.
func checkResult(t *testing.T, res *Result, X [][]float64, y []float64, vars []string, maxC int) {
	t.Helper()
	if len(res.Front) == 0 {
		t.Fatal("empty front")
	}
	if res.Front[0].Complexity != 1 {
		t.Errorf("front starts with %s, not at complexity 1", program.FormatExpr(res.Front[0].Expr))
	}
	all := append([]Candidate{res.Best}, res.Front...)
	for i, c := range all {
		if c.Complexity != program.ExprSize(c.Expr) || c.Complexity > maxC {
			t.Errorf("%s: complexity %d (size %d, max %d)", program.FormatExpr(c.Expr), c.Complexity, program.ExprSize(c.Expr), maxC)
		}
		if d := directMSE(t, c.Expr, X, y, vars); math.Abs(d-c.MSE) > 1e-9*(1+d) {
			t.Errorf("%s: reported MSE %v, direct %v", program.FormatExpr(c.Expr), c.MSE, d)
		}
		if i > 1 {
			p := all[i-1]
			if c.Complexity <= p.Complexity || c.MSE >= p.MSE {
				t.Errorf("front not strict: %s (%d, %v) after %s (%d, %v)", program.FormatExpr(c.Expr), c.Complexity, c.MSE, program.FormatExpr(p.Expr), p.Complexity, p.MSE)
			}
		}
	}
	if res.Found != (res.Best.MSE <= res.Tolerance) {
		t.Errorf("Found %v with MSE %v, tolerance %v", res.Found, res.Best.MSE, res.Tolerance)
	}
}

// TestDuplicates: repeated inputs with different targets are merged exactly (the reported MSE
// includes the within-row variance).
func TestDuplicates(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	var X [][]float64
	var y []float64
	for i := 0; i < 2000; i++ {
		a, b := float64(r.IntN(8)), float64(r.IntN(8))
		X = append(X, []float64{a, b})
		y = append(y, a*b+0.01*r.NormFloat64())
	}
	vars := []string{"a", "b"}
	res, err := Fit(X, y, vars, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Unique != 64 || res.Samples != 2000 {
		t.Errorf("unique %d samples %d", res.Unique, res.Samples)
	}
	if got := program.FormatExpr(res.Best.Expr); got != "a * b" {
		t.Errorf("got %s, want a*b", got)
	}
	checkResult(t, res, X, y, vars, 12)
}

// TestSubsample: with more distinct rows than SearchSamples the search runs on a subsample and
// every reported error is still measured on all samples.
func TestSubsample(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	X := uniform(r, 3000, 3, -2, 2)
	y := targets(X, func(x []float64) float64 { return x[0]*x[1] + x[2] }, 1e-3, r)
	vars := []string{"x", "y", "z"}
	res, err := Fit(X, y, vars, Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.SearchSamples != 256 || res.Unique != 3000 {
		t.Errorf("search samples %d, unique %d", res.SearchSamples, res.Unique)
	}
	if !res.Found || res.Best.Complexity != 5 {
		t.Errorf("got %s (complexity %d, found %v)", program.FormatExpr(res.Best.Expr), res.Best.Complexity, res.Found)
	}
	checkResult(t, res, X, y, vars, 12)
}

func TestConstantTarget(t *testing.T) {
	X := grid(ints(0, 9))
	y := make([]float64, len(X))
	for i := range y {
		y[i] = 7
	}
	res, err := Fit(X, y, []string{"x"}, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found || program.FormatExpr(res.Best.Expr) != "7" || res.Best.MSE != 0 || res.Stop != StopSolved {
		t.Errorf("got %s MSE %v found %v stop %s", program.FormatExpr(res.Best.Expr), res.Best.MSE, res.Found, res.Stop)
	}
}

// TestMaxComplexity: nothing more complex than MaxComplexity is returned; 3.2x − 1.5 needs 5.
func TestMaxComplexity(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	X := uniform(r, 300, 1, -3, 3)
	y := targets(X, func(x []float64) float64 { return 3.2*x[0] - 1.5 }, 0, nil)
	res, err := Fit(X, y, []string{"x"}, Options{MaxComplexity: 4})
	if err != nil {
		t.Fatal(err)
	}
	if res.Found {
		t.Errorf("found %s within complexity 4", program.FormatExpr(res.Best.Expr))
	}
	checkResult(t, res, X, y, []string{"x"}, 4)
}

// TestOperatorSubset: only the allowed operators appear, the affine wrapper included.
func TestOperatorSubset(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	X := repeat(grid(ints(0, 9), ints(0, 9)), 2)
	cases := []struct {
		opts Options
		f    func(x []float64) float64
	}{
		{Options{Unary: []program.UnaryOp{}, Binary: []program.BinaryOp{program.Add, program.Sub}, Integer: true},
			func(x []float64) float64 { return x[0] - x[1] + 1 }},
		{Options{Unary: []program.UnaryOp{program.Neg}, Binary: []program.BinaryOp{program.Mul}},
			func(x []float64) float64 { return -x[0] * x[1] }},
		{Options{Unary: []program.UnaryOp{program.Abs}, Binary: []program.BinaryOp{program.Sub, program.GreaterEq}, Integer: true},
			func(x []float64) float64 {
				return program.Indicator(x[0] >= 4) - program.Indicator(math.Abs(x[0]-x[1]) >= 3)
			}},
		{Options{Unary: []program.UnaryOp{}, Binary: []program.BinaryOp{program.Min, program.Max}},
			func(x []float64) float64 { return math.Min(x[0], 5) }},
	}
	for _, c := range cases {
		y := targets(X, c.f, 0, r)
		res, err := Fit(X, y, []string{"x", "y"}, c.opts)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _ := newConfig(c.opts)
		t.Logf("%s (found %v)", program.FormatExpr(res.Best.Expr), res.Found)
		if !res.Found {
			t.Errorf("not found: %v", res.Err())
		}
		for _, cand := range append(res.Front, res.Best) {
			checkOps(t, cand.Expr, cfg)
		}
	}
}

func TestValidation(t *testing.T) {
	X := [][]float64{{1, 2}, {3, 4}}
	y := []float64{1, 2}
	bad := []struct {
		X    [][]float64
		y    []float64
		vars []string
		opts Options
	}{
		{X, y[:1], []string{"a", "b"}, Options{}},
		{nil, nil, []string{"a", "b"}, Options{}},
		{X, y, []string{"a"}, Options{}},
		{X, y, []string{"a", "a"}, Options{}},
		{X, y, []string{"a", ""}, Options{}},
		{X, y, nil, Options{}},
		{[][]float64{{1, math.NaN()}, {3, 4}}, y, []string{"a", "b"}, Options{}},
		{X, []float64{1, math.Inf(1)}, []string{"a", "b"}, Options{}},
		{X, y, []string{"a", "b"}, Options{Unary: []program.UnaryOp{"tanh"}}},
		{X, y, []string{"a", "b"}, Options{Binary: []program.BinaryOp{"pow"}}},
		{X, y, []string{"a", "b"}, Options{MaxComplexity: -1}},
		{X, y, []string{"a", "b"}, Options{RelTol: -1}},
		{X, y, []string{"a", "b"}, Options{Constants: []float64{math.NaN()}}},
	}
	for i, c := range bad {
		if _, err := Fit(c.X, c.y, c.vars, c.opts); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
}

// TestMatchesProgramEvalExpr: this package's evaluator agrees bit for bit with the IR's
// reference evaluator on random expressions and inputs.
func TestMatchesProgramEvalExpr(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	vals := []float64{0, 1, -1, 2.5, -3, 7, 1e300, -1e-300, 0.5, 15, math.Copysign(0, -1)}
	for it := 0; it < 20000; it++ {
		b := make([]byte, 4+r.IntN(40))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		e := decodeExpr(b, 6)
		env := map[string]float64{}
		for _, name := range []string{"x", "y", "z"} {
			if r.IntN(2) == 0 {
				env[name] = vals[r.IntN(len(vals))]
			} else {
				env[name] = 10 * r.NormFloat64()
			}
		}
		got, err := evalScalar(e, env)
		if err != nil {
			t.Fatal(err)
		}
		want := program.EvalExpr(e, func(name string) float64 { return env[name] })
		if !sameFloat(got, want) {
			t.Fatalf("%s at %v: %v, program.EvalExpr %v", program.FormatExpr(e), env, got, want)
		}
	}
}

// TestIntegerSnapHalf: with Integer, 0.49999 snaps to 1/2 and 2.0000003 to 2.
func TestIntegerSnapHalf(t *testing.T) {
	X := grid(ints(0, 40))
	y := targets(X, func(x []float64) float64 { return 0.49999*x[0] + 2.0000003 }, 0, nil)
	res, err := Fit(X, y, []string{"x"}, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", program.FormatExpr(res.Best.Expr))
	if !res.Found || res.Best.Complexity != 5 {
		t.Fatalf("got %s (found %v)", program.FormatExpr(res.Best.Expr), res.Found)
	}
	for x := 0.0; x <= 40; x++ {
		if v, _ := evalScalar(res.Best.Expr, map[string]float64{"x": x}); v != 0.5*x+2 {
			t.Fatalf("%s at %v = %v, want %v", program.FormatExpr(res.Best.Expr), x, v, 0.5*x+2)
		}
	}
}

// TestWideSum recovers the sum of seven variables (a wide sub-MLP over a window of pointers:
// sum_last7), which needs the all-variables linear fit beyond three features.
func TestWideSum(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	X := uniform(r, 2000, 7, 0, 100)
	for _, x := range X {
		for j := range x {
			x[j] = math.Floor(x[j])
		}
	}
	sum := func(x []float64) float64 {
		var s float64
		for _, v := range x {
			s += v
		}
		return s
	}
	vars := []string{"x", "p1", "p2", "p3", "p4", "p5", "p6"}
	res, err := Fit(X, targets(X, sum, 0, nil), vars, Options{Integer: true, MaxComplexity: 15})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found || res.Best.MSE != 0 || res.Best.Complexity != 13 {
		t.Fatalf("got %s (complexity %d, MSE %g, found %v), want the sum of the seven variables",
			program.FormatExpr(res.Best.Expr), res.Best.Complexity, res.Best.MSE, res.Found)
	}
}

// TestOverflowOfResidue recovers the carry out of adding x to a running total kept mod 15,
// [x + (s mod 15) >= 15] (the one-bit error-diffusion dither: a prefix sum s at t-1 and the
// input x), which the threshold template reaches only on a sum with a residue (isSum).
func TestOverflowOfResidue(t *testing.T) {
	X := grid(ints(0, 15), ints(0, 140))
	overflow := func(x []float64) float64 { return program.Indicator(x[0]+math.Mod(x[1], 15) >= 15) }
	checkFit(t, X, targets(X, overflow, 0, nil), []string{"x", "s"}, Options{Integer: true, Seed: 1}, overflow, 7, 0)
}

// TestResidueReadWithAnotherInput recovers [S mod 15 < x] from the positions of random
// sequences (x uniform in 0..15, S its prefix sum): the residue alone explains the target worse
// than S mod 40 does, and only the sharp dip at 15 (divisorBlocks) makes it a building block
// (before: 3 of these 12 data sets).
func TestResidueReadWithAnotherInput(t *testing.T) {
	carry := func(x []float64) float64 { return program.Indicator(math.Mod(x[1], 15) < x[0]) }
	for data := uint64(1); data <= 12; data++ {
		r := rand.New(rand.NewPCG(data, 2))
		var X [][]float64
		for range 2000 {
			s := 0.0
			for range 10 {
				x := float64(r.IntN(16))
				s += x
				X = append(X, []float64{x, s})
			}
		}
		res, err := Fit(X, targets(X, carry, 0, nil), []string{"x", "s"}, Options{Integer: true, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Found || res.Best.MSE != 0 {
			t.Errorf("data %d: got %s (MSE %g), want s mod 15 < x", data, program.FormatExpr(res.Best.Expr), res.Best.MSE)
		}
	}
}

// TestDivisorBlocks checks the choice of inner constants: the best fit and the two sharpest dips.
func TestDivisorBlocks(t *testing.T) {
	inf := math.Inf(1)
	mse := []float64{inf, inf, 0.22, 0.21, 0.22, 0.19, 0.215, 0.2, 0.18, 0.181, 0.18, inf}
	// best 8 (0.18, the first of the ties); dips: 5 (0.02 below both neighbours), 3 (0.01), 7 (0.0, not a dip), 10 (0.001 below 9 only: its other neighbour is skipped).
	if got, want := divisorBlocks(mse), []int{8, 5, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("divisorBlocks = %v, want %v", got, want)
	}
	if got := divisorBlocks([]float64{inf, inf, inf}); got != nil {
		t.Errorf("divisorBlocks of no fit = %v, want nil", got)
	}
}
