package polish

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

func prevStmt(name, value string, k int) program.Stmt {
	return program.Attend{Name: name, Pointer: program.Pointer{Kind: program.Previous, Offset: k}, Value: value}
}

// sumLast3 is the extracted (composed) program for y = x + x[t-1] + x[t-2].
func sumLast3() *program.Program {
	return &program.Program{
		Name:    "sum_last3",
		Inputs:  []string{"x"},
		Body:    []program.Stmt{prevStmt("prev1_x", "x", 1), prevStmt("prev2_x", "x", 2)},
		Outputs: []program.Output{{Name: "y", Expr: sumLast3Example()}},
	}
}

// integerData draws sequences of integers in [lo, hi] and computes targets with f.
func integerData(seed uint64, seqs, length, lo, hi int, f func(xs [][]float64, t int) float64) ([][][]float64, [][][]float64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	xs := make([][][]float64, seqs)
	ys := make([][][]float64, seqs)
	for i := range xs {
		xs[i] = make([][]float64, length)
		ys[i] = make([][]float64, length)
		for t := range xs[i] {
			xs[i][t] = []float64{float64(lo + rng.IntN(hi-lo+1))}
		}
		for t := range xs[i] {
			ys[i][t] = []float64{f(xs[i], t)}
		}
	}
	return xs, ys
}

// at reads x[t-k], 0 before the start.
func at(xs [][]float64, t, k int) float64 {
	if t-k < 0 {
		return 0
	}
	return xs[t-k][0]
}

// reproduces checks that p computes the targets exactly (within 1e-9) at t >= warmup.
func reproduces(t *testing.T, p *program.Program, xs, ys [][][]float64, warmup int) {
	t.Helper()
	c, err := p.Compile()
	if err != nil {
		t.Fatal(err)
	}
	for i := range xs {
		out, err := c.Run(xs[i])
		if err != nil {
			t.Fatal(err)
		}
		for s := warmup; s < len(out); s++ {
			for k := range out[s] {
				if math.Abs(out[s][k]-ys[i][s][k]) > 1e-9 {
					t.Fatalf("sequence %d position %d output %d: got %v, want %v", i, s, k, out[s][k], ys[i][s][k])
				}
			}
		}
	}
}

func TestSumLast3BecomesExact(t *testing.T) {
	xs, ys := integerData(1, 64, 16, 0, 9, func(xs [][]float64, t int) float64 {
		return at(xs, t, 0) + at(xs, t, 1) + at(xs, t, 2)
	})
	p := sumLast3()
	q, rep, err := Program(p, xs, ys, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	if got := program.FormatExpr(q.Outputs[0].Expr); got != "x + prev1_x + prev2_x" {
		t.Errorf("got y = %s, want x + prev1_x + prev2_x", got)
	}
	if !rep.Exact || rep.ExactBefore || rep.Stage != StagePolished || rep.LossAfter != 0 || !(rep.LossBefore > 0) {
		t.Errorf("report: %+v", *rep)
	}
	if len(rep.Constants) != 3 {
		t.Errorf("constants: %+v", rep.Constants)
	}
	for _, k := range rep.Constants {
		if k.After != 0 && k.After != 1 {
			t.Errorf("constant %+v did not snap", k)
		}
	}
	reproduces(t, q, xs, ys, 0)
	if program.Format(p) != program.Format(sumLast3()) {
		t.Error("Program changed its input")
	}
}

func TestFloorSnapsToQuotient(t *testing.T) {
	// y = floor(x/3), extracted with slightly-off inner and outer constants.
	xs, ys := integerData(2, 32, 12, 0, 40, func(xs [][]float64, t int) float64 { return math.Floor(xs[t][0] / 3) })
	p := &program.Program{
		Name:   "third",
		Inputs: []string{"x"},
		Outputs: []program.Output{{Name: "y", Expr: bin(program.Sub,
			bin(program.Mul, c(1.002), un(program.Floor, bin(program.Add, bin(program.Mul, c(0.3331), v("x")), c(0.0004)))),
			c(0.001))}},
	}
	q, rep, err := Program(p, xs, ys, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	if got := program.FormatExpr(q.Outputs[0].Expr); got != "floor(x / 3)" {
		t.Errorf("got y = %s, want floor(x / 3)", got)
	}
	if !rep.Exact {
		t.Errorf("not exact: %+v", *rep)
	}
	reproduces(t, q, xs, ys, 0)
}

// physicsData is x[t] of the oscillator x_next = 1.96 x - x[t-1] (or with other coefficients),
// started from random states, with the targets of the given recurrence.
func physicsData(seed uint64, a, b float64) ([][][]float64, [][][]float64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	const seqs, length = 40, 50
	xs := make([][][]float64, seqs)
	ys := make([][][]float64, seqs)
	for i := range xs {
		xs[i] = make([][]float64, length)
		ys[i] = make([][]float64, length)
		prev, cur := rng.NormFloat64(), rng.NormFloat64()
		for t := range length {
			xs[i][t] = []float64{cur + 0.01*rng.NormFloat64()} // observed with noise: inputs are arbitrary
			p := 0.0
			if t > 0 {
				p = xs[i][t-1][0]
			}
			ys[i][t] = []float64{a*xs[i][t][0] - b*p}
			prev, cur = cur, 1.96*cur-prev
		}
	}
	return xs, ys
}

func physicsProgram(a, b float64) *program.Program {
	return &program.Program{
		Name:   "oscillator",
		Inputs: []string{"x"},
		Body:   []program.Stmt{prevStmt("prev1_x", "x", 1)},
		Outputs: []program.Output{{Name: "x_next", Expr: bin(program.Sub,
			bin(program.Mul, c(a), v("x")), bin(program.Mul, c(b), v("prev1_x")))}},
	}
}

func TestPhysicsRefined(t *testing.T) {
	xs, ys := physicsData(3, 1.96, 1)
	q, rep, err := Program(physicsProgram(1.9601, 0.99998), xs, ys, Options{Warmup: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	want := []float64{1.96, 1}
	for i, k := range rep.Constants {
		if math.Abs(k.Refined-want[i]) > 1e-9*want[i] {
			t.Errorf("constant %d refined to %v, want %v within 1e-9 relative", i, k.Refined, want[i])
		}
	}
	if got := program.FormatExpr(q.Outputs[0].Expr); got != "1.96 * x - prev1_x" {
		t.Errorf("got x_next = %s, want 1.96 * x - prev1_x", got)
	}
	if !(rep.LossAfter < 1e-20) || !(rep.LossBefore > 1e-9) {
		t.Errorf("losses %v -> %v", rep.LossBefore, rep.LossAfter)
	}
}

func TestPhysicsKeepsNonDecimalConstants(t *testing.T) {
	const a, b = 1.9600000123, 0.9999876
	xs, ys := physicsData(4, a, b)
	q, rep, err := Program(physicsProgram(1.9601, 0.99998), xs, ys, Options{Warmup: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	got, _ := collectConsts(q)
	want := []float64{a, b}
	if len(got) != 2 {
		t.Fatalf("constants %v", got)
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > 1e-9*want[i] {
			t.Errorf("constant %d is %v, want %v within 1e-9 relative", i, got[i], want[i])
		}
	}
}

func TestWrongStructureNotWorse(t *testing.T) {
	// The task multiplies; the program adds. Nothing can make it exact; it must not get worse.
	xs, ys := integerData(5, 32, 10, 0, 9, func(xs [][]float64, t int) float64 { return at(xs, t, 0) * at(xs, t, 1) })
	p := &program.Program{
		Name:   "wrong",
		Inputs: []string{"x"},
		Body:   []program.Stmt{prevStmt("prev1_x", "x", 1)},
		Outputs: []program.Output{{Name: "y", Expr: bin(program.Add,
			bin(program.Add, bin(program.Mul, c(1.1), v("x")), bin(program.Mul, c(0.9), v("prev1_x"))), c(0.5))}},
	}
	for _, integer := range []bool{true, false} {
		q, rep, err := Program(p, xs, ys, Options{Integer: integer})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s%+v", q, *rep)
		if rep.Exact || !(rep.LossAfter <= rep.LossBefore) {
			t.Errorf("integer=%v: loss %v -> %v, exact %v", integer, rep.LossBefore, rep.LossAfter, rep.Exact)
		}
		// Only constants changed: the same variables are read.
		if got, want := varsOf(q.Outputs[0].Expr), varsOf(p.Outputs[0].Expr); !reflect.DeepEqual(got, want) {
			t.Errorf("variables %v, want %v", got, want)
		}
		if len(q.Body) != 1 || q.Body[0] != p.Body[0] {
			t.Errorf("body changed: %v", q.Body)
		}
	}
	// A hopeless program (constant output, wrong everywhere) is kept or improved, never worsened.
	p2 := &program.Program{Name: "const", Inputs: []string{"x"},
		Outputs: []program.Output{{Name: "y", Expr: bin(program.Mod, v("x"), c(7))}}}
	q, rep, err := Program(p2, xs, ys, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	if !(rep.LossAfter <= rep.LossBefore) {
		t.Errorf("loss %v -> %v", rep.LossBefore, rep.LossAfter)
	}
}

// varsOf lists the variables e reads, in order, without repeats.
func varsOf(e program.Expr) []string {
	var names []string
	program.ExprVars(e, func(name string) {
		for _, n := range names {
			if n == name {
				return
			}
		}
		names = append(names, name)
	})
	return names
}

func TestParity(t *testing.T) {
	xs, ys := integerData(8, 48, 12, 0, 1, func(xs [][]float64, t int) float64 {
		return math.Mod(at(xs, t, 0)+at(xs, t, 1), 2)
	})
	p := &program.Program{
		Name:   "parity_last2",
		Inputs: []string{"x"},
		Body:   []program.Stmt{prevStmt("prev1_x", "x", 1)},
		Outputs: []program.Output{{Name: "y", Expr: bin(program.Sub, bin(program.Mul, c(1.0002),
			bin(program.Mod, bin(program.Add, bin(program.Add, bin(program.Mul, c(0.9997), v("x")),
				bin(program.Mul, c(1.0004), v("prev1_x"))), c(0.0003)), c(1.9996))), c(0.0001))}},
	}
	q, rep, err := Program(p, xs, ys, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	if got := program.FormatExpr(q.Outputs[0].Expr); got != "(x + prev1_x) mod 2" {
		t.Errorf("got y = %s, want (x + prev1_x) mod 2", got)
	}
	reproduces(t, q, xs, ys, 0)
}

func TestRecurrentTwoOutputs(t *testing.T) {
	// v = v[t-1] + F, p = p[t-1] + v, extracted with off constants and an extra formula.
	p := &program.Program{
		Name:   "integrator",
		Inputs: []string{"F"},
		Body: []program.Stmt{
			prevStmt("prev1_v", "v", 1),
			prevStmt("prev1_p", "p", 1),
			program.Assign{Name: "h", Expr: bin(program.Add, bin(program.Mul, c(0.998), v("F")), c(0.01))},
			program.Assign{Name: "v", Expr: bin(program.Add, v("prev1_v"), bin(program.Mul, c(1.001), v("h")))},
			program.Assign{Name: "p", Expr: bin(program.Add, bin(program.Mul, c(0.9999), v("prev1_p")), v("v"))},
		},
		Outputs: []program.Output{{Name: "pos", Expr: v("p")}, {Name: "vel", Expr: bin(program.Mul, c(1.0001), v("v"))}},
	}
	p.Outputs[0].Name, p.Outputs[1].Name = "position", "velocity"
	rng := rand.New(rand.NewPCG(9, 9))
	var xs, ys [][][]float64
	for range 24 {
		var sx, sy [][]float64
		vel, pos := 0.0, 0.0
		for range 20 {
			f := float64(rng.IntN(7) - 3)
			vel += f
			pos += vel
			sx, sy = append(sx, []float64{f}), append(sy, []float64{pos, vel})
		}
		xs, ys = append(xs, sx), append(ys, sy)
	}
	q, rep, err := Program(p, xs, ys, Options{Integer: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	want := "program integrator(F) -> position, velocity:\n  for t:\n" +
		"    prev1_v = v[t-1]  # 0 before the start\n    prev1_p = p[t-1]  # 0 before the start\n" +
		"    v = F + prev1_v\n    p = prev1_p + v\n    position = p\n    velocity = v\n"
	if got := program.Format(q); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	reproduces(t, q, xs, ys, 0)
}

func TestSubsampledLargeData(t *testing.T) {
	xs, ys := integerData(10, 1000, 60, 0, 9, func(xs [][]float64, t int) float64 {
		return at(xs, t, 0) + at(xs, t, 1) + at(xs, t, 2)
	})
	q, rep, err := Program(sumLast3(), xs, ys, Options{Integer: true, Warmup: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s%+v", q, *rep)
	if rep.Scored != 1000*58 || rep.Sampled > DefaultMaxResiduals || rep.Sampled < DefaultMaxResiduals/2 || !rep.Exact {
		t.Errorf("report %+v", *rep)
	}
	if got := program.FormatExpr(q.Outputs[0].Expr); got != "x + prev1_x + prev2_x" {
		t.Errorf("got y = %s", got)
	}
}

func TestDeterministic(t *testing.T) {
	xs, ys := physicsData(6, 1.9600000123, 0.9999876)
	opts := Options{Warmup: 1, MaxResiduals: 500, Seed: 9} // subsampled
	var first string
	var firstRep Report
	for i := range 3 {
		q, rep, err := Program(physicsProgram(1.9601, 0.99998), xs, ys, opts)
		if err != nil {
			t.Fatal(err)
		}
		rep.Seconds = 0
		if i == 0 {
			first, firstRep = program.Format(q), *rep
			if rep.Sampled > 500 || rep.Sampled == 0 || rep.Scored <= 500 {
				t.Errorf("sampled %d of %d", rep.Sampled, rep.Scored)
			}
			continue
		}
		if program.Format(q) != first || !reflect.DeepEqual(*rep, firstRep) {
			t.Errorf("run %d differs:\n%s%+v\nvs\n%s%+v", i, q, *rep, first, firstRep)
		}
	}
	xs, ys = integerData(7, 64, 16, 0, 9, func(xs [][]float64, t int) float64 {
		return at(xs, t, 0) + at(xs, t, 1) + at(xs, t, 2)
	})
	a, ra, _ := Program(sumLast3(), xs, ys, Options{Integer: true, Seed: 1})
	b, rb, _ := Program(sumLast3(), xs, ys, Options{Integer: true, Seed: 1})
	ra.Seconds, rb.Seconds = 0, 0
	if !a.Equal(b) || !reflect.DeepEqual(ra, rb) {
		t.Errorf("integer runs differ")
	}
}

func TestErrors(t *testing.T) {
	p := sumLast3()
	xs, ys := integerData(1, 2, 4, 0, 9, func(xs [][]float64, t int) float64 { return 0 })
	if _, _, err := Program(p, xs, ys[:1], Options{}); err == nil {
		t.Error("mismatched sequences accepted")
	}
	bad := [][][]float64{{{1, 2}}}
	if _, _, err := Program(p, xs[:1], bad, Options{}); err == nil {
		t.Error("wrong target width accepted")
	}
	if _, _, err := Program(p, xs, ys, Options{Warmup: 100}); err == nil {
		t.Error("no scored output accepted")
	}
	if _, _, err := Program(&program.Program{Name: "bad", Outputs: []program.Output{{Name: "y", Expr: v("nope")}}}, nil, nil, Options{}); err == nil {
		t.Error("invalid program accepted")
	}
}

func TestSnapHelpers(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{
		{0.04000000000001, 0.04}, {1.9599999999999, 1.96}, {0.33333333333, 1.0 / 3}, {1.23456789, 1.23456789},
		{3e-15, 0}, {-2.0000000000001, -2},
	} {
		if got := cosmetic(tc.in); got != tc.want {
			t.Errorf("cosmetic(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if got := nearestRational(0.2308, 1); got != 0 {
		t.Errorf("nearest integer of 0.2308: %v", got)
	}
	if got := nearestRational(0.3331, 3); got != 1.0/3 {
		t.Errorf("nearest third of 0.3331: %v", got)
	}
	if got := simpleCandidates(0.2308); !reflect.DeepEqual(got, []float64{0, 1.0 / 3, 0.25, 2.0 / 9}) {
		t.Errorf("candidates of 0.2308: %v", got)
	}
	e := bin(program.Add, bin(program.Mul, c(2.0/3), v("x")), bin(program.Mul, c(-0.5), v("y")))
	if got := program.FormatExpr(renderExpr(e, true)); got != "2 * x / 3 + (-(y / 2))" {
		t.Errorf("render: %s", got)
	}
	if got := program.FormatExpr(renderExpr(e, false)); got != "2 * x / 3 + (-0.5 * y)" {
		t.Errorf("render: %s", got)
	}
}
