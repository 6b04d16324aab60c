package symreg

import (
	"math"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// fuzzConsts are the constants decodeExpr can pick: ordinary values and the edges of float64.
var fuzzConsts = []float64{
	0, 1, -1, 0.5, 2, 3, 15, -2.5, 0.1, 1e-300, -1e-300, 1e300, -1e300, 1e10, 710,
	math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, math.Pi, math.Copysign(0, -1),
}

// decodeExpr turns bytes into a well-formed expression over x, y, z (depth at most maxDepth).
// Every byte string decodes to some expression.
func decodeExpr(b []byte, maxDepth int) program.Expr {
	pos := 0
	next := func() int {
		if pos >= len(b) {
			return 0
		}
		pos++
		return int(b[pos-1])
	}
	var rec func(depth int) program.Expr
	rec = func(depth int) program.Expr {
		kind := next() % 4
		if depth >= maxDepth || pos >= len(b) {
			kind %= 2
		}
		switch kind {
		case 0:
			return program.Var{Name: []string{"x", "y", "z"}[next()%3]}
		case 1:
			return program.Const{Value: fuzzConsts[next()%len(fuzzConsts)]}
		case 2:
			op := allUnary[next()%len(allUnary)]
			return program.Unary{Op: op, X: rec(depth + 1)}
		}
		op := allBinary[next()%len(allBinary)]
		x := rec(depth + 1)
		return program.Binary{Op: op, X: x, Y: rec(depth + 1)}
	}
	return rec(0)
}

// evalScalar evaluates e at one point, with the variables in env (by evalVec).
func evalScalar(e program.Expr, env map[string]float64) (float64, error) {
	cols := make(map[string][]float64, len(env))
	for name, v := range env {
		cols[name] = []float64{v}
	}
	v, err := evalVec(e, cols, 1)
	if err != nil {
		return 0, err
	}
	return v[0], nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

// checkPolicy evaluates e node by node and checks the documented NaN/Inf policy: from finite
// operands, only exp, square, *, /, + and − may give a non-finite result, and then only ±Inf
// (overflow); comparisons always give 0 or 1; mod of finite operands stays within the divisor.
func checkPolicy(t *testing.T, e program.Expr, env map[string]float64) float64 {
	t.Helper()
	v, err := evalScalar(e, env)
	if err != nil {
		t.Fatalf("evalScalar(%s): %v", program.FormatExpr(e), err)
	}
	switch e := e.(type) {
	case program.Unary:
		x := checkPolicy(t, e.X, env)
		if finite(x) && !finite(v) && !((e.Op == program.Exp || e.Op == program.Square) && math.IsInf(v, 0)) {
			t.Fatalf("%s(%v) = %v", e.Op, x, v)
		}
	case program.Binary:
		x, y := checkPolicy(t, e.X, env), checkPolicy(t, e.Y, env)
		switch e.Op {
		case program.Less, program.LessEq, program.Greater, program.GreaterEq, program.Equal, program.NotEqual:
			if v != 0 && v != 1 {
				t.Fatalf("%v %s %v = %v", x, e.Op, y, v)
			}
		case program.Mod:
			if finite(x) && finite(y) && y != 0 && !(math.Abs(v) <= math.Abs(y) && (v == 0 || (v < 0) == (y < 0))) {
				t.Fatalf("mod(%v, %v) = %v", x, y, v)
			}
		}
		overflowOK := e.Op == program.Add || e.Op == program.Sub || e.Op == program.Mul || e.Op == program.Div
		if finite(x) && finite(y) && !finite(v) && !(overflowOK && math.IsInf(v, 0)) {
			t.Fatalf("%s(%v, %v) = %v", e.Op, x, y, v)
		}
		if (e.Op == program.Div || e.Op == program.Mod) && y == 0 && v != 0 {
			t.Fatalf("%s(%v, 0) = %v, want 0", e.Op, x, v)
		}
	}
	return v
}

// FuzzEval: the evaluator never panics and never errors on well-formed expressions and any
// inputs; it agrees bit for bit with program's reference evaluator, program.EvalExpr; and with
// finite inputs, non-finite values appear only as the IR semantics allow (see checkPolicy and
// the package doc).
func FuzzEval(f *testing.F) {
	f.Add([]byte{3, 4, 0, 0, 1, 5}, 1.5, -2.0, 0.0)
	f.Add([]byte{2, 6, 3, 2, 0, 1, 1, 14}, 800.0, 3.0, -7.0)
	f.Add([]byte{3, 3, 3, 0, 0, 0, 1, 12, 2, 8, 0, 2}, -0.5, 1e308, 2.5)
	f.Add([]byte{3, 4, 1, 16, 0, 1}, 1e-310, -3.0, 5.0)
	f.Fuzz(func(t *testing.T, prog []byte, x, y, z float64) {
		e := decodeExpr(prog, 8)
		env := map[string]float64{"x": x, "y": y, "z": z}
		venv := map[string][]float64{"x": {x, z}, "y": {y, x}, "z": {z, y}}
		vec, err := evalVec(e, venv, 2)
		if err != nil {
			t.Fatalf("evalVec(%s): %v", program.FormatExpr(e), err)
		}
		for i := range vec {
			want := program.EvalExpr(e, func(name string) float64 { return venv[name][i] })
			if !sameFloat(vec[i], want) {
				t.Fatalf("%s at %d: evalVec %v, program.EvalExpr %v", program.FormatExpr(e), i, vec[i], want)
			}
		}
		if finite(x) && finite(y) && finite(z) {
			checkPolicy(t, e, env)
		}
		_ = program.ExprSize(e)
		_ = program.FormatExpr(e)
	})
}

func TestSemantics(t *testing.T) {
	negZero := math.Copysign(0, -1)
	cases := []struct {
		e    program.Expr
		want float64
	}{
		{program.Binary{Op: program.Div, X: program.Const{Value: 1}, Y: program.Const{Value: 0}}, 0},
		{program.Binary{Op: program.Div, X: program.Const{Value: 7}, Y: program.Const{Value: 2}}, 3.5},
		{program.Binary{Op: program.Mod, X: program.Const{Value: -7}, Y: program.Const{Value: 3}}, 2},
		{program.Binary{Op: program.Mod, X: program.Const{Value: 7}, Y: program.Const{Value: -3}}, -2},
		{program.Binary{Op: program.Mod, X: program.Const{Value: 5.5}, Y: program.Const{Value: 2}}, 1.5},
		{program.Binary{Op: program.Mod, X: program.Const{Value: -0.5}, Y: program.Const{Value: 1}}, 0.5},
		{program.Binary{Op: program.Mod, X: program.Const{Value: -1e-20}, Y: program.Const{Value: 1}}, 1}, // as Python
		{program.Binary{Op: program.Mod, X: program.Const{Value: 3}, Y: program.Const{Value: 0}}, 0},
		{program.Binary{Op: program.Mod, X: program.Const{Value: 6}, Y: program.Const{Value: -3}}, negZero},
		{program.Unary{Op: program.Sqrt, X: program.Const{Value: -4}}, 2},
		{program.Unary{Op: program.Round, X: program.Const{Value: 2.5}}, 3},
		{program.Unary{Op: program.Round, X: program.Const{Value: -2.5}}, -3},
		{program.Unary{Op: program.Round, X: program.Const{Value: 0.49999999999999994}}, 0},
		{program.Unary{Op: program.Floor, X: program.Const{Value: -0.5}}, -1},
		{program.Binary{Op: program.Equal, X: program.Const{Value: 2}, Y: program.Const{Value: 2}}, 1},
		{program.Binary{Op: program.NotEqual, X: program.Const{Value: 2}, Y: program.Const{Value: 2}}, 0},
		{program.Binary{Op: program.Less, X: program.Const{Value: 1}, Y: program.Const{Value: 2}}, 1},
		{program.Binary{Op: program.GreaterEq, X: program.Const{Value: 1}, Y: program.Const{Value: 2}}, 0},
		{program.Binary{Op: program.Less, X: program.Const{Value: math.NaN()}, Y: program.Const{Value: 2}}, 0},
		{program.Binary{Op: program.NotEqual, X: program.Const{Value: math.NaN()}, Y: program.Const{Value: 2}}, 1},
	}
	for _, c := range cases {
		got, err := evalScalar(c.e, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !sameFloat(got, c.want) {
			t.Errorf("%s = %v, want %v", program.FormatExpr(c.e), got, c.want)
		}
	}
	// The integer fast path of mod agrees with the float path bit for bit.
	slow := func(x, y float64) float64 {
		r := math.Mod(x, y)
		if r != 0 {
			if (y < 0) != (r < 0) {
				r += y
			}
		} else {
			r = math.Copysign(0, y)
		}
		return r
	}
	for x := -40.0; x <= 40; x++ {
		for y := -13.0; y <= 13; y++ {
			if y == 0 {
				continue
			}
			for _, xx := range []float64{x, x * 1e10, x + 0.5} {
				if got, want := program.FloorMod(xx, y), slow(xx, y); !sameFloat(got, want) {
					t.Fatalf("program.FloorMod(%v, %v) = %v, want %v", xx, y, got, want)
				}
			}
		}
	}
	for _, xx := range []float64{math.Copysign(0, -1), 1 << 53, -(1 << 53), 1<<53 - 1} {
		for _, y := range []float64{3, -3, 1 << 52} {
			if got, want := program.FloorMod(xx, y), slow(xx, y); !sameFloat(got, want) {
				t.Fatalf("program.FloorMod(%v, %v) = %v, want %v", xx, y, got, want)
			}
		}
	}
}

func TestEvalErrors(t *testing.T) {
	bad := []program.Expr{
		nil,
		program.Var{Name: "w"},
		program.Unary{Op: "tanh", X: program.Var{Name: "x"}},
		program.Binary{Op: "pow", X: program.Var{Name: "x"}, Y: program.Const{Value: 2}},
		program.Binary{Op: program.Add, X: program.Var{Name: "x"}, Y: nil},
		(*program.Var)(nil),
	}
	for _, e := range bad {
		if _, err := evalScalar(e, map[string]float64{"x": 1}); err == nil {
			t.Errorf("evalScalar(%#v): no error", e)
		}
		if _, err := evalVec(e, map[string][]float64{"x": {1}}, 1); err == nil {
			t.Errorf("evalVec(%#v): no error", e)
		}
	}
	// Pointer forms are accepted.
	e := &program.Binary{Op: program.Add, X: &program.Var{Name: "x"}, Y: &program.Const{Value: 2}}
	if v, err := evalScalar(e, map[string]float64{"x": 1}); err != nil || v != 3 {
		t.Errorf("pointer form: %v, %v", v, err)
	}
}

// TestFormatAndSize: formulas print with the IR's printer and their complexity is its node count.
func TestFormatAndSize(t *testing.T) {
	x, y := program.Var{Name: "x"}, program.Var{Name: "y"}
	k := func(v float64) program.Expr { return program.Const{Value: v} }
	bin := func(op program.BinaryOp, a, b program.Expr) program.Expr { return program.Binary{Op: op, X: a, Y: b} }
	un := func(op program.UnaryOp, a program.Expr) program.Expr { return program.Unary{Op: op, X: a} }
	cases := []struct {
		e    program.Expr
		want string
		c    int
	}{
		{bin(program.Sub, bin(program.Mul, k(3.2), x), k(1.5)), "3.2 * x - 1.5", 5},
		{un(program.Abs, bin(program.Sub, x, y)), "abs(x - y)", 4},
		{bin(program.Mod, bin(program.Add, x, y), k(2)), "(x + y) mod 2", 5},
		{un(program.Floor, bin(program.Div, x, k(15))), "floor(x / 15)", 4},
		{bin(program.Add, bin(program.Mul, k(2), bin(program.Equal, x, y)), k(1)), "2 * (x == y) + 1", 7},
		{bin(program.Equal, x, y), "x == y", 3},
		{bin(program.Sub, x, bin(program.Sub, y, k(1))), "x - (y - 1)", 5},
		{bin(program.Div, x, bin(program.Mul, y, k(2))), "x / (y * 2)", 5},
		{un(program.Neg, bin(program.Add, x, y)), "-(x + y)", 4},
		{bin(program.Less, bin(program.Less, x, y), k(1)), "(x < y) < 1", 5},
		{bin(program.Max, x, k(-2)), "max(x, -2)", 3},
	}
	for _, c := range cases {
		if got := program.FormatExpr(c.e); got != c.want {
			t.Errorf("FormatExpr = %q, want %q", got, c.want)
		}
		if got := program.ExprSize(c.e); got != c.c {
			t.Errorf("program.ExprSize(%s) = %d, want %d", c.want, got, c.c)
		}
	}
}

// TestAffineCost: the wrapper's counted cost is the size of the expression it builds, for every
// operator availability.
func TestAffineCost(t *testing.T) {
	f := program.Binary{Op: program.Max, X: program.Var{Name: "x"}, Y: program.Var{Name: "y"}}
	for mask := 0; mask < 16; mask++ {
		c := &config{canMul: mask&1 != 0, canPlus: mask&2 != 0, canSub: mask&4 != 0, canNeg: mask&8 != 0}
		c.canAdd = c.canPlus || c.canSub
		for _, a := range []float64{1, -1, 2.5, -3} {
			for _, b := range []float64{0, 1.5, -2} {
				cost, ok := c.affineCost(a, b)
				if !ok {
					continue
				}
				e := c.affineExpr(f, a, b)
				if got := program.ExprSize(e) - program.ExprSize(f); got != cost {
					t.Errorf("mask %b a=%v b=%v: %s has cost %d, affineCost %d", mask, a, b, program.FormatExpr(e), got, cost)
				}
				v, _ := evalScalar(e, map[string]float64{"x": 2, "y": 3})
				if v != a*3+b {
					t.Errorf("%s = %v, want %v", program.FormatExpr(e), v, a*3+b)
				}
				checkOps(t, e, c)
			}
		}
	}
}

// checkOps fails if e uses an operator the configuration does not allow (the wrapper's
// operators are checked through the can* flags).
func checkOps(t *testing.T, e program.Expr, c *config) {
	t.Helper()
	switch e := e.(type) {
	case program.Unary:
		if c.hasU != nil && !c.hasU[e.Op] || c.hasU == nil && e.Op == program.Neg && !c.canNeg {
			t.Errorf("uses %s", e.Op)
		}
		checkOps(t, e.X, c)
	case program.Binary:
		if c.hasB != nil && !c.hasB[e.Op] {
			t.Errorf("uses %s", e.Op)
		}
		if c.hasB == nil && ((e.Op == program.Mul && !c.canMul) || (e.Op == program.Add && !c.canPlus) || (e.Op == program.Sub && !c.canSub)) {
			t.Errorf("uses %s", e.Op)
		}
		checkOps(t, e.X, c)
		checkOps(t, e.Y, c)
	}
}

// TestVectorKernels: binaryVec and binaryConstVec, which write some operators out as loops,
// compute what program.BinaryFunc's functions compute, bit for bit, on values with signed
// zeros, NaN, the infinities and integers (and unaryVec what UnaryFunc's do).
func TestVectorKernels(t *testing.T) {
	negZero := math.Copysign(0, -1)
	vals := []float64{0, negZero, 1, -1, 2.5, -7, 3, math.NaN(), math.Inf(1), math.Inf(-1), 1e300, 0.1}
	var xs, ys []float64
	for _, x := range vals {
		for _, y := range vals {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	out := make([]float64, len(xs))
	for _, op := range program.BinaryOps() {
		f, _ := program.BinaryFunc(op)
		if !binaryVec(op, xs, ys, out) {
			t.Fatalf("binaryVec does not know %s", op)
		}
		for i := range xs {
			if want := f(xs[i], ys[i]); !sameFloat(out[i], want) {
				t.Errorf("binaryVec %v %s %v = %v, want %v", xs[i], op, ys[i], out[i], want)
			}
		}
		for _, c := range vals {
			if !binaryConstVec(op, xs, c, out) {
				t.Fatalf("binaryConstVec does not know %s", op)
			}
			for i := range xs {
				if want := f(xs[i], c); !sameFloat(out[i], want) {
					t.Errorf("binaryConstVec %v %s %v = %v, want %v", xs[i], op, c, out[i], want)
				}
			}
		}
	}
	for _, op := range program.UnaryOps() {
		f, _ := program.UnaryFunc(op)
		if !unaryVec(op, xs, out) {
			t.Fatalf("unaryVec does not know %s", op)
		}
		for i := range xs {
			if want := f(xs[i]); !sameFloat(out[i], want) {
				t.Errorf("unaryVec %s(%v) = %v, want %v", op, xs[i], out[i], want)
			}
		}
	}
}
