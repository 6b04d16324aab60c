package polish

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// v, c, un and bin build expressions tersely.
func v(name string) program.Expr   { return program.Var{Name: name} }
func c(value float64) program.Expr { return program.Const{Value: value} }
func un(op program.UnaryOp, x program.Expr) program.Expr {
	return program.Unary{Op: op, X: x}
}
func bin(op program.BinaryOp, x, y program.Expr) program.Expr {
	return program.Binary{Op: op, X: x, Y: y}
}

var testOrder = []string{"x", "y", "z", "pos", "one", "prev1_x", "prev2_x"}

// sumLast3Example is the composed formula of a 2-layer model of y = x + x[t-1] + x[t-2].
func sumLast3Example() program.Expr {
	return bin(program.Add,
		bin(program.Add, v("prev2_x"),
			bin(program.Mul, c(1.23),
				bin(program.Sub, bin(program.Mul, c(0.8125), bin(program.Add, v("prev1_x"), v("x"))),
					c(32.333333333333336)))),
		c(40))
}

func TestNormalizeExample(t *testing.T) {
	got := NormalizeExpr(sumLast3Example(), testOrder)
	// Expect ((a*x + b*prev1_x) + prev2_x) + k.
	top, ok := got.(program.Binary)
	if !ok || top.Op != program.Add {
		t.Fatalf("got %s, want a sum ending in a constant", program.FormatExpr(got))
	}
	k := top.Y.(program.Const).Value
	mid := top.X.(program.Binary)
	if mid.Op != program.Add || !program.ExprEqual(mid.Y, v("prev2_x")) {
		t.Fatalf("got %s", program.FormatExpr(got))
	}
	first := mid.X.(program.Binary)
	ax, bp := first.X.(program.Binary), first.Y.(program.Binary)
	if first.Op != program.Add || ax.Op != program.Mul || bp.Op != program.Mul ||
		!program.ExprEqual(ax.Y, v("x")) || !program.ExprEqual(bp.Y, v("prev1_x")) {
		t.Fatalf("got %s", program.FormatExpr(got))
	}
	a, b := ax.X.(program.Const).Value, bp.X.(program.Const).Value
	if math.Abs(a-0.999375) > 1e-12 || math.Abs(b-0.999375) > 1e-12 || math.Abs(k-0.23) > 1e-9 {
		t.Errorf("coefficients %v %v %v, want 0.999375 0.999375 0.23: %s", a, b, k, program.FormatExpr(got))
	}
	t.Logf("%s", program.FormatExpr(got))
}

func TestNormalizeCases(t *testing.T) {
	cases := []struct {
		in   program.Expr
		want string
	}{
		// nested, negated, divided by constants
		{bin(program.Add, bin(program.Div, un(program.Neg, bin(program.Mul, c(2), bin(program.Sub, v("x"), c(3)))), c(4)),
			bin(program.Div, v("x"), c(2))), "1.5"},
		{bin(program.Sub, bin(program.Div, bin(program.Add, v("x"), v("y")), c(2)),
			bin(program.Div, bin(program.Sub, v("y"), v("x")), c(2))), "x"},
		{bin(program.Sub, c(3), bin(program.Sub, v("x"), bin(program.Sub, v("y"), c(2)))), "y - x + 1"},
		{bin(program.Sub, un(program.Neg, v("x")), v("y")), "-x - y"},
		{bin(program.Sub, c(2), bin(program.Mul, v("y"), c(3))), "2 - 3 * y"},
		{bin(program.Add, bin(program.Mul, c(-2), v("y")), v("x")), "x - 2 * y"},
		{bin(program.Mul, bin(program.Mul, c(2), bin(program.Add, v("x"), c(1))), c(3)), "6 * x + 6"},
		{bin(program.Div, bin(program.Mul, c(3), v("x")), c(3)), "x"},
		{bin(program.Add, bin(program.Add, v("z"), v("x")), bin(program.Add, v("x"), v("one"))), "2 * x + z + 1"},
		{bin(program.Div, v("x"), c(0)), "0"},
		{bin(program.Mod, v("x"), c(0)), "0"},
		{bin(program.Sub, v("x"), v("x")), "0"},
		{bin(program.Mul, un(program.Neg, v("x")), c(-1)), "x"},
		// atoms normalized inside abs, mod, floor, ...
		{un(program.Abs, bin(program.Sub, bin(program.Mul, c(2), bin(program.Add, v("x"), c(1))), c(2))), "2 * abs(x)"},
		{bin(program.Add, un(program.Abs, bin(program.Sub, v("x"), c(3))), un(program.Abs, un(program.Neg, bin(program.Sub, c(3), v("x"))))),
			"2 * abs(x - 3)"},
		{bin(program.Mod, bin(program.Mul, c(0.5), bin(program.Add, v("x"), v("x"))), c(2)), "x mod 2"},
		{bin(program.Mod, bin(program.Add, v("prev1_x"), v("x")), bin(program.Add, c(1), c(1))), "(x + prev1_x) mod 2"},
		{un(program.Floor, bin(program.Div, bin(program.Add, v("y"), v("x")), c(4))), "floor(0.25 * x + 0.25 * y)"},
		{un(program.Square, bin(program.Mul, c(3), v("x"))), "9 * x^2"},
		// products and quotients of non-constants: only constant factors move
		{bin(program.Mul, bin(program.Mul, c(2), v("y")), bin(program.Mul, v("x"), c(3))), "6 * (x * y)"},
		{bin(program.Div, v("x"), v("y")), "x / y"},
		{bin(program.Div, v("x"), bin(program.Add, v("y"), c(1))), "x / (y + 1)"},
		{bin(program.Div, c(3), v("y")), "3 / y"},
		{bin(program.Div, bin(program.Mul, c(4), v("x")), bin(program.Mul, c(2), v("y"))), "2 * (x / y)"},
		// comparisons: threshold form, canonical order
		{bin(program.Greater, bin(program.Add, bin(program.Mul, c(0.5), v("x")), c(1)), c(3)), "x > 4"},
		{bin(program.Less, c(3), v("x")), "x > 3"},
		{bin(program.GreaterEq, un(program.Neg, v("x")), c(2)), "x <= (-2)"},
		{bin(program.Less, v("y"), v("x")), "x > y"},
		{bin(program.Equal, v("y"), v("x")), "x == y"},
		{bin(program.Min, c(2), bin(program.Add, v("x"), v("x"))), "min(2 * x, 2)"},
		// constants fold
		{bin(program.Add, un(program.Abs, c(-2)), bin(program.Mod, c(7), c(4))), "5"},
	}
	for _, tc := range cases {
		got := program.FormatExpr(NormalizeExpr(tc.in, testOrder))
		if got != tc.want {
			t.Errorf("%s: got %s, want %s", program.FormatExpr(tc.in), got, tc.want)
		}
		// normal forms are fixed points
		again := program.FormatExpr(NormalizeExpr(NormalizeExpr(tc.in, testOrder), testOrder))
		if again != got {
			t.Errorf("%s: not idempotent: %s then %s", program.FormatExpr(tc.in), got, again)
		}
	}
}

// randomExpr builds an affine-heavy random expression over x, y, z.
func randomExpr(rng *rand.Rand, depth int, consts []float64, smooth bool) program.Expr {
	if depth == 0 || rng.IntN(5) == 0 {
		if rng.IntN(3) == 0 {
			return c(consts[rng.IntN(len(consts))])
		}
		return v([]string{"x", "y", "z"}[rng.IntN(3)])
	}
	sub := func() program.Expr { return randomExpr(rng, depth-1, consts, smooth) }
	k := func() program.Expr { return c(consts[rng.IntN(len(consts))]) }
	switch rng.IntN(16) {
	case 0, 1:
		return bin(program.Add, sub(), sub())
	case 2, 3:
		return bin(program.Sub, sub(), sub())
	case 4, 5:
		return bin(program.Mul, k(), sub())
	case 6:
		return bin(program.Mul, sub(), k())
	case 7:
		return bin(program.Div, sub(), k())
	case 8:
		return un(program.Neg, sub())
	case 9:
		return un(program.Abs, sub())
	case 10:
		return bin(program.Mul, sub(), sub())
	case 11:
		if smooth {
			return bin(program.Div, sub(), sub())
		}
		return bin(program.Div, sub(), k())
	case 12:
		return un(program.Square, sub())
	case 13:
		return bin([]program.BinaryOp{program.Min, program.Max}[rng.IntN(2)], sub(), sub())
	}
	if smooth {
		return bin(program.Add, sub(), k())
	}
	switch rng.IntN(3) {
	case 0:
		return bin(program.Mod, sub(), k())
	case 1:
		return un(program.Floor, sub())
	}
	ops := []program.BinaryOp{program.Less, program.LessEq, program.Greater, program.GreaterEq, program.Equal, program.NotEqual}
	return bin(ops[rng.IntN(len(ops))], sub(), sub())
}

// evalMag evaluates e and returns the largest magnitude of any node's value.
func evalMag(e program.Expr, env map[string]float64) (float64, float64) {
	switch n := e.(type) {
	case program.Var:
		return env[n.Name], math.Abs(env[n.Name])
	case program.Const:
		return n.Value, math.Abs(n.Value)
	case program.Unary:
		x, m := evalMag(n.X, env)
		r := program.ApplyUnary(n.Op, x)
		return r, max(m, math.Abs(r))
	case program.Binary:
		x, mx := evalMag(n.X, env)
		y, my := evalMag(n.Y, env)
		r := program.ApplyBinary(n.Op, x, y)
		return r, max(mx, my, math.Abs(r))
	}
	panic("unsupported")
}

// TestNormalizeExactOnDyadic: with integer inputs and power-of-two constants every operation is
// exact, so the normal form must give identical values, discontinuous operators included.
func TestNormalizeExactOnDyadic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	consts := []float64{0, 1, 2, 4, 0.5, 0.25, -1, -2, -0.5}
	checked := 0
	const cases = 3000
	for i := range cases {
		e := randomExpr(rng, 4, consts, false)
		n := NormalizeExpr(e, testOrder)
		if !allDyadic(n) { // a coefficient like 1/3 rounds: values may differ in the last bit
			continue
		}
		checked++
		for range 20 {
			env := map[string]float64{"x": float64(rng.IntN(21) - 10), "y": float64(rng.IntN(21) - 10), "z": float64(rng.IntN(7))}
			want, mag := evalMag(e, env)
			got := program.EvalExpr(n, func(name string) float64 { return env[name] })
			if mag > 1e12 || math.IsNaN(want) && math.IsNaN(got) {
				continue
			}
			if got != want {
				t.Fatalf("case %d: %s -> %s: at %v got %v, want %v", i, program.FormatExpr(e), program.FormatExpr(n), env, got, want)
			}
		}
	}
	if checked < cases/2 {
		t.Errorf("only %d of %d cases had dyadic normal forms", checked, cases)
	}
	t.Logf("%d of %d cases checked", checked, cases)
}

// allDyadic reports whether every constant of e is a multiple of 2^-24 below 2^30.
func allDyadic(e program.Expr) bool {
	switch n := e.(type) {
	case program.Const:
		s := n.Value * (1 << 24)
		return s == math.Trunc(s) && math.Abs(n.Value) < 1<<30
	case program.Unary:
		return allDyadic(n.X)
	case program.Binary:
		return allDyadic(n.X) && allDyadic(n.Y)
	}
	return true
}

// TestNormalizeSemantics: on real inputs and constants, smooth operators only, values agree to
// rounding.
func TestNormalizeSemantics(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	consts := []float64{0.1, 1.23, -0.8125, 3, 7.5, -2, 0.333}
	for i := range 3000 {
		e := randomExpr(rng, 4, consts, true)
		n := NormalizeExpr(e, testOrder)
		for range 20 {
			env := map[string]float64{"x": rng.NormFloat64() * 3, "y": rng.NormFloat64() * 3, "z": rng.Float64()}
			want, mag := evalMag(e, env)
			got := program.EvalExpr(n, func(name string) float64 { return env[name] })
			if mag > 1e8 || math.IsNaN(want) {
				continue
			}
			if math.Abs(got-want) > 1e-9*(1+mag) {
				t.Fatalf("case %d: %s -> %s: at %v got %v, want %v", i, program.FormatExpr(e), program.FormatExpr(n), env, got, want)
			}
		}
	}
}

func TestNormalizeProgram(t *testing.T) {
	p := &program.Program{
		Name:   "p",
		Inputs: []string{"x"},
		Body: []program.Stmt{
			program.Attend{Name: "prev1_x", Pointer: program.Pointer{Kind: program.Previous, Offset: 1}, Value: "x"},
			program.Assign{Name: "h", Expr: bin(program.Mul, c(2), bin(program.Add, v("prev1_x"), v("x")))},
		},
		Outputs: []program.Output{{Name: "y", Expr: bin(program.Sub, v("h"), bin(program.Mul, c(2), v("x")))}},
	}
	q := Normalize(p)
	if err := q.Validate(); err != nil {
		t.Fatal(err)
	}
	want := "program p(x) -> y:\n  for t:\n    prev1_x = x[t-1]  # 0 before the start\n    h = 2 * x + 2 * prev1_x\n    y = h - 2 * x\n"
	if got := program.Format(q); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if program.Format(p) == want {
		t.Error("Normalize changed its input")
	}
}
