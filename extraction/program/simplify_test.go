package program

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// specialValues are where protected arithmetic and identities are most likely to break.
var specialValues = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -2.5, 3, 1e308, -1e-320,
	math.Inf(1), math.Inf(-1), math.NaN()}

// TestSimplifyExprExact checks SimplifyExpr on random formulas at special values: every rule
// must hold for NaN, the infinities and signed zeros too.
func TestSimplifyExprExact(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	g := &gen{c: rngChooser{r}, opt: genOptions{transcendental: true}}
	vars := []string{"x", "y", "pos", "one"}
	for range 20000 {
		e := g.expr(4, vars)
		s := SimplifyExpr(e)
		for range 4 {
			vals := map[string]float64{"x": specialValues[r.IntN(len(specialValues))],
				"y": specialValues[r.IntN(len(specialValues))], "pos": float64(r.IntN(3)), "one": 1}
			get := func(name string) float64 { return vals[name] }
			if a, b := EvalExpr(e, get), EvalExpr(s, get); !sameNumber(a, b) {
				t.Fatalf("%s = %v, simplified %s = %v at %v", FormatExpr(e), a, FormatExpr(s), b, vals)
			}
		}
	}
}

func TestSimplifyExprRules(t *testing.T) {
	x, y := v("x"), v("y")
	cases := []struct {
		e    Expr
		want string
	}{
		{bin(Add, x, c(0)), "x"},
		{bin(Mul, c(1), x), "x"},
		{bin(Mul, x, c(0)), "x * 0"}, // x may be infinite
		{bin(Mul, bin(Less, x, y), c(0)), "0"},
		{bin(Mul, v("pos"), c(0)), "0"},
		{un(Neg, un(Neg, x)), "x"},
		{bin(Sub, x, un(Neg, y)), "x + y"},
		{bin(Add, un(Neg, x), y), "y - x"},
		{bin(Mul, x, c(-1)), "-x"},
		{bin(Mul, x, x), "x^2"},
		{un(Abs, un(Neg, x)), "abs(x)"},
		{un(Sqrt, un(Abs, x)), "sqrt(x)"},
		{un(Floor, un(Round, x)), "round(x)"},
		{un(Round, bin(Less, x, y)), "x < y"},
		{bin(Add, bin(Mul, c(2), c(3)), x), "6 + x"},
		{bin(Div, c(1), c(0)), "0"},
		{bin(Mod, c(-1), c(3)), "2"},
		{bin(Max, x, x), "x"},
		{bin(Mul, v("one"), x), "x"},
		{bin(Sub, x, x), "x - x"}, // inf - inf is NaN
	}
	for _, tc := range cases {
		if got := FormatExpr(SimplifyExpr(tc.e)); got != tc.want {
			t.Errorf("SimplifyExpr(%s) = %s, want %s", FormatExpr(tc.e), got, tc.want)
		}
	}
}

// TestSimplifyPreservesOutputs runs random programs before and after simplification, with
// every option, on random sequences: the outputs must be identical.
func TestSimplifyPreservesOutputs(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	options := []SimplifyOptions{{}, {KeepNames: true}, {KeepFormulas: true}}
	shrunk := 0
	for i := range 1500 {
		p := randomProgram(rngChooser{r}, genOptions{transcendental: true, weirdNames: i%2 == 0})
		seqs := randomSequences(r, 6, len(p.Inputs))
		opt := options[i%len(options)]
		s, err := Simplify(p, opt)
		if err != nil {
			t.Fatalf("Simplify: %v\n%s", err, Format(p))
		}
		if len(s.Body) < len(p.Body) {
			shrunk++
		}
		for _, xs := range seqs {
			if d := diffOutputs(mustRun(t, p, xs), mustRun(t, s, xs)); d != "" {
				t.Fatalf("%s\nbefore:\n%s\nafter (%+v):\n%s", d, Format(p), opt, Format(s))
			}
		}
		if again, _ := Simplify(s, opt); !again.Equal(s) && !opt.KeepNames {
			// Renaming is idempotent only when the names are already readable.
			if !strings.Contains(Format(s), "\"") {
				t.Errorf("simplifying twice changes the program:\n%s\n%s", Format(s), Format(again))
			}
		}
	}
	if shrunk < 300 {
		t.Errorf("only %d of 1500 programs got shorter", shrunk)
	}
}

// extracted is what extraction might assemble for parity_last2: one statement per head and
// per sub-MLP, with copies, a duplicate head, a dead head and trivial arithmetic.
func extracted() *Program {
	return &Program{
		Name:   "parity_last2",
		Inputs: []string{"x"},
		Body: []Stmt{
			Attend{"head0", Pointer{Kind: Previous, Offset: 1}, "x"},
			Attend{"head1", Pointer{Kind: Previous, Offset: 1}, "x"}, // duplicate of head0
			Attend{"head2", Pointer{Kind: PrefixSum}, "x"},           // dead
			Assign{"mlp0", bin(Add, bin(Mul, v("x"), c(1)), c(0))},   // a copy of x
			Assign{"mlp1", bin(Add, v("mlp0"), v("head1"))},
			Assign{"mlp2", bin(Mod, v("mlp1"), bin(Add, c(1), c(1)))},
		},
		Outputs: []Output{{"y", v("mlp2")}},
	}
}

func TestSimplifyExtracted(t *testing.T) {
	s, err := Simplify(extracted(), SimplifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `program parity_last2(x) -> y:
  for t:
    prev1_x = x[t-1]  # 0 before the start
    y = (x + prev1_x) mod 2
`
	if got := Format(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	s, err = Simplify(extracted(), SimplifyOptions{KeepFormulas: true, Hints: map[string]string{"mlp1": "total"}})
	if err != nil {
		t.Fatal(err)
	}
	want = `program parity_last2(x) -> y:
  for t:
    prev1_x = x[t-1]  # 0 before the start
    total = x + prev1_x
    h1 = total mod 2
    y = h1
`
	if got := Format(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestSimplifyRecurrent checks that dead-code elimination follows reads at earlier positions:
// the recurrent velocity stays because the position needs it; an unused recurrence goes.
func TestSimplifyRecurrent(t *testing.T) {
	p := integrator()
	p.Body = append(p.Body, prev("w_prev", "w", 1), Assign{"w", bin(Add, v("w_prev"), c(1))})
	p.Outputs = p.Outputs[:1] // position only
	s, err := Simplify(p, SimplifyOptions{Hints: map[string]string{"v": "v", "p": "p"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `program integrator(F) -> pos_out:
  for t:
    prev1_v = v[t-1]  # 0 before the start
    prev1_p = p[t-1]  # 0 before the start
    v = prev1_v + F
    p = prev1_p + v
    pos_out = p
`
	if got := Format(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestRenameAvoidsCollisions checks that generated names give way to inputs, outputs and
// keywords.
func TestRenameAvoidsCollisions(t *testing.T) {
	p := &Program{
		Name:   "clash",
		Inputs: []string{"x", "prev1_x", "h1"},
		Body: []Stmt{
			prev("a", "x", 1),
			Attend{"b", Pointer{Kind: PrefixSum}, "x"},
			Assign{"c", bin(Add, v("a"), v("b"))},
			prev("d", "c", 1),
		},
		Outputs: []Output{{"sum_x", bin(Add, v("c"), v("prev1_x"))}, {"z", bin(Add, v("c"), v("d"))}},
	}
	s, err := Simplify(p, SimplifyOptions{Hints: map[string]string{"d": "sum"}})
	if err != nil {
		t.Fatal(err)
	}
	want := `program clash(x, prev1_x, h1) -> sum_x, z:
  for t:
    prev1_x_2 = x[t-1]  # 0 before the start
    sum_x_2 = sum(x[0..t])
    h1_2 = prev1_x_2 + sum_x_2
    sum_2 = h1_2[t-1]   # 0 before the start
    sum_x = h1_2 + prev1_x
    z = h1_2 + sum_2
`
	if got := Format(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
