package program

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// This file holds what the tests share: hand-written programs, a generator of random valid
// programs (driven by a seeded generator or by fuzz bytes), random sequences, and exact
// comparison of outputs.

// v, c, un and bin build expressions tersely.
func v(name string) Expr              { return Var{name} }
func c(value float64) Expr            { return Const{value} }
func un(op UnaryOp, x Expr) Expr      { return Unary{op, x} }
func bin(op BinaryOp, x, y Expr) Expr { return Binary{op, x, y} }
func prev(name, value string, k int) Stmt {
	return Attend{name, Pointer{Kind: Previous, Offset: k}, value}
}

// parityLast2 is y = (x[t] + x[t-1]) mod 2.
func parityLast2() *Program {
	return &Program{
		Name:    "parity_last2",
		Inputs:  []string{"x"},
		Body:    []Stmt{prev("prev1_x", "x", 1)},
		Outputs: []Output{{"y", bin(Mod, bin(Add, v("x"), v("prev1_x")), c(2))}},
	}
}

// maxSeen is the largest x so far, through ArgMax.
func maxSeen() *Program {
	return &Program{
		Name:    "max_seen",
		Inputs:  []string{"x"},
		Body:    []Stmt{Attend{"max_x", Pointer{Kind: ArgMax, Key: "x"}, "x"}},
		Outputs: []Output{{"y", v("max_x")}},
	}
}

// integrator is the recurrent program v[t] = v[t-1] + F[t]; p[t] = p[t-1] + v[t], which reads
// v and p at t-1 before they are defined in the body.
func integrator() *Program {
	return &Program{
		Name:   "integrator",
		Inputs: []string{"F"},
		Body: []Stmt{
			prev("prev1_v", "v", 1),
			prev("prev1_p", "p", 1),
			Assign{"v", bin(Add, v("prev1_v"), v("F"))},
			Assign{"p", bin(Add, v("prev1_p"), v("v"))},
		},
		Outputs: []Output{{"pos_out", v("p")}, {"vel_out", v("v")}},
	}
}

// pointerZoo uses every pointer kind once, on two channels.
func pointerZoo() *Program {
	return &Program{
		Name:   "pointer_zoo",
		Inputs: []string{"x", "k"},
		Body: []Stmt{
			Attend{"first_x", Pointer{Kind: First}, "x"},
			Attend{"sum_x", Pointer{Kind: PrefixSum}, "x"},
			Attend{"mean_x", Pointer{Kind: PrefixMean}, "x"},
			Attend{"x_at_argmax_k", Pointer{Kind: ArgMax, Key: "k"}, "x"},
			Attend{"x_at_argmin_k", Pointer{Kind: ArgMin, Key: "k"}, "x"},
			Attend{"x_at_last_eq_k", Pointer{Kind: LastEqual, Key: "k"}, "x"},
			Attend{"prev2_k", Pointer{Kind: Previous, Offset: 2}, "k"},
		},
		Outputs: []Output{
			{"first", v("first_x")}, {"sum", v("sum_x")}, {"mean", v("mean_x")},
			{"at_max", v("x_at_argmax_k")}, {"at_min", v("x_at_argmin_k")},
			{"at_last", v("x_at_last_eq_k")}, {"k2", v("prev2_k")},
		},
	}
}

// seq builds a one-channel sequence.
func seq(values ...float64) [][]float64 {
	xs := make([][]float64, len(values))
	for t, x := range values {
		xs[t] = []float64{x}
	}
	return xs
}

// sameNumber is exact equality, NaN equal to NaN (and, as the semantics say, -0 to +0).
func sameNumber(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }

// diffOutputs describes the first difference between two output sequences, or "".
func diffOutputs(want, got [][]float64) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d positions, want %d", len(got), len(want))
	}
	for t := range want {
		if len(want[t]) != len(got[t]) {
			return fmt.Sprintf("position %d: %d outputs, want %d", t, len(got[t]), len(want[t]))
		}
		for k := range want[t] {
			if !sameNumber(want[t][k], got[t][k]) {
				return fmt.Sprintf("position %d, output %d: got %v, want %v", t, k, got[t][k], want[t][k])
			}
		}
	}
	return ""
}

// chooser is a source of choices: a seeded generator in tests, fuzz bytes in the fuzz test.
type chooser interface{ intn(n int) int }

type rngChooser struct{ r *rand.Rand }

func (c rngChooser) intn(n int) int { return c.r.IntN(n) }

// byteChooser reads choices from bytes, then answers 0 when they run out.
type byteChooser struct {
	data []byte
	i    int
}

func (c *byteChooser) intn(n int) int {
	if c.i >= len(c.data) {
		return 0
	}
	c.i++
	return int(c.data[c.i-1]) % n
}

// genOptions tune random programs.
type genOptions struct {
	transcendental bool // allow sin, cos and exp (whose last bit is library-dependent)
	weirdNames     bool // names with quotes, spaces, newlines, unicode and keywords
	arbitraryNames bool // names built character by character from the choices
}

// hostileNames are names that must not break the printer, the parser or an emitter.
var hostileNames = []string{
	`x"; import os; os.system("rm -rf /") #`, "}\nfunc init(){panic(1)}//", "__import__", "import",
	"for", "mod", "t", "sum", "π", "naïve value", "x\ny", `back\slash`, "", "1st", "_", "x_hist",
	"n", "xs", "ys", "main", "math", "len", "float64", "\u202eevil", "a\x00b", "*/", `"""`, "one2",
	"h1", "prev1_x", "CHANNELS", "channels", "at", "div", "True", "None", "__name__", "ñ", "日本",
}

// gen builds random valid programs from a chooser.
type gen struct {
	c     chooser
	opt   genOptions
	names map[string]bool
}

// randomProgram returns a random valid program.
func randomProgram(ch chooser, opt genOptions) *Program {
	g := &gen{c: ch, opt: opt, names: map[string]bool{BuiltinPos: true, BuiltinOne: true}}
	p := &Program{Name: g.name("task")}
	for range 1 + g.c.intn(3) {
		p.Inputs = append(p.Inputs, g.name("x"))
	}
	body := make([]string, g.c.intn(9))
	for i := range body {
		body[i] = g.name("v")
	}
	atT := append(append([]string{}, p.Inputs...), BuiltinPos, BuiltinOne)
	all := append(append([]string{}, atT...), body...)
	for _, name := range body {
		p.Body = append(p.Body, g.stmt(name, atT, all))
		atT = append(atT, name)
	}
	for range 1 + g.c.intn(2) {
		p.Outputs = append(p.Outputs, Output{g.name("y"), g.expr(3, all)})
	}
	return p
}

// name returns a fresh name, plain, hostile or arbitrary.
func (g *gen) name(stem string) string {
	name := stem
	switch k := g.c.intn(4); {
	case g.opt.arbitraryNames && k == 0:
		const alphabet = "ab_ 1\"\\\n#[]()π-=,:."
		runes := []rune(alphabet)
		var b strings.Builder
		for range 1 + g.c.intn(4) {
			b.WriteRune(runes[g.c.intn(len(runes))])
		}
		name = b.String()
	case g.opt.weirdNames && k == 1:
		name = hostileNames[g.c.intn(len(hostileNames))]
	}
	if name == "" || g.names[name] {
		name += strconv.Itoa(len(g.names))
	}
	for g.names[name] {
		name += "'"
	}
	g.names[name] = true
	return name
}

// pick returns one of names.
func (g *gen) pick(names []string) string { return names[g.c.intn(len(names))] }

// stmt returns a random statement defining name.
func (g *gen) stmt(name string, atT, all []string) Stmt {
	kinds := []PointerKind{Previous, Previous, First, PrefixSum, PrefixMean, ArgMax, ArgMin, LastEqual}
	if g.c.intn(2) == 0 {
		return Assign{name, g.expr(3, atT)}
	}
	ptr := Pointer{Kind: kinds[g.c.intn(len(kinds))]}
	value := g.pick(atT)
	switch ptr.Kind {
	case Previous:
		ptr.Offset = g.c.intn(4)
		if ptr.Offset > 0 {
			value = g.pick(all)
		}
	case ArgMax, ArgMin:
		ptr.Key = g.pick(atT)
		if g.c.intn(2) == 0 {
			value = ptr.Key
		}
	case LastEqual:
		ptr.Key, value = g.pick(atT), g.pick(all)
	}
	return Attend{name, ptr, value}
}

// constants are the leaves' constants: zero divisors, halves for rounding, signs, extremes.
var constants = []float64{0, 1, -1, 2, 3, 0.5, -2.5, 0.1, 7, 1e300, -0.25, 1.5, 10}

// expr returns a random expression of at most depth levels over vars.
func (g *gen) expr(depth int, vars []string) Expr {
	if depth == 0 || g.c.intn(3) == 0 {
		if g.c.intn(4) == 0 {
			return g.constant()
		}
		return Var{g.pick(vars)}
	}
	unary := UnaryOps()
	if !g.opt.transcendental {
		unary = []UnaryOp{Neg, Abs, Square, Sqrt, Floor, Round}
	}
	if g.c.intn(3) == 0 {
		return Unary{unary[g.c.intn(len(unary))], g.expr(depth-1, vars)}
	}
	ops := BinaryOps()
	return Binary{ops[g.c.intn(len(ops))], g.expr(depth-1, vars), g.expr(depth-1, vars)}
}

// constant returns a constant, now and then a special one.
func (g *gen) constant() Const {
	switch g.c.intn(40) {
	case 0:
		return Const{math.Inf(1)}
	case 1:
		return Const{math.Inf(-1)}
	case 2:
		return Const{math.NaN()}
	case 3:
		return Const{math.Copysign(0, -1)}
	}
	return Const{constants[g.c.intn(len(constants))]}
}

// randomSequence draws a sequence rich in ties, zeros, halves and negative numbers, and now and
// then a huge value that overflows.
func randomSequence(r *rand.Rand, length, channels int) [][]float64 {
	xs := make([][]float64, length)
	for t := range xs {
		xs[t] = make([]float64, channels)
		for k := range xs[t] {
			switch r.IntN(10) {
			case 0:
				xs[t][k] = float64(r.IntN(21)-10) / 2 // halves
			case 1:
				xs[t][k] = r.NormFloat64() * 100
			case 2:
				if r.IntN(10) == 0 {
					xs[t][k] = 1e200 * float64(r.IntN(3)-1)
				}
			default:
				xs[t][k] = float64(r.IntN(7) - 3)
			}
		}
	}
	return xs
}

// randomSequences draws sequences of the lengths the verification uses, and the edge cases
// (empty, one position).
func randomSequences(r *rand.Rand, count, channels int) [][][]float64 {
	lengths := []int{0, 1, 2, 10, 50}
	seqs := make([][][]float64, count)
	for i := range seqs {
		seqs[i] = randomSequence(r, lengths[i%len(lengths)], channels)
	}
	return seqs
}

// mustRun runs p on xs, failing the test on error.
func mustRun(t testing.TB, p *Program, xs [][]float64) [][]float64 {
	t.Helper()
	ys, err := p.Run(xs)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, Format(p))
	}
	return ys
}

// TestRandomProgramsAreValid checks the generator itself.
func TestRandomProgramsAreValid(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 2000 {
		p := randomProgram(rngChooser{r}, genOptions{transcendental: true, weirdNames: i%2 == 0, arbitraryNames: i%3 == 0})
		if err := p.Validate(); err != nil {
			t.Fatalf("program %d: %v\n%s", i, err, Format(p))
		}
	}
}
