package polish

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// bigProblem is a real-valued program with 18 constants over 3 inputs, and 40,000 scored outputs
// of a target with slightly different constants (subsampled to 20,000 for fitting). It shows
// the cost of a large refinement: go test -run X -bench Big -benchtime 1x.
func bigProblem() (*program.Program, [][][]float64, [][][]float64) {
	terms := func(a, b, k, d, e, f float64) program.Expr {
		s := bin(program.Mul, c(a), un(program.Sin, bin(program.Add, bin(program.Mul, c(b), v("x")), c(k))))
		ex := bin(program.Mul, c(d), un(program.Exp, bin(program.Mul, c(e), v("y"))))
		pr := bin(program.Mul, c(f), bin(program.Mul, v("z"), v("prev1_x")))
		return bin(program.Add, bin(program.Add, s, ex), pr)
	}
	p := &program.Program{
		Name:   "big",
		Inputs: []string{"x", "y", "z"},
		Body: []program.Stmt{
			prevStmt("prev1_x", "x", 1),
			program.Assign{Name: "h1", Expr: terms(1.01, 0.99, 0.2, 0.51, 0.3, 0.7)},
			program.Assign{Name: "h2", Expr: terms(0.49, 2.01, -0.1, 0.2, -0.21, 1.1)},
		},
		Outputs: []program.Output{
			{Name: "o1", Expr: bin(program.Add, v("h1"), bin(program.Mul, c(0.3), v("h2")))},
			{Name: "o2", Expr: bin(program.Sub, v("h2"), bin(program.Mul, c(0.6), v("h1")))},
		},
	}
	rng := rand.New(rand.NewPCG(1, 1))
	var xs, ys [][][]float64
	for range 400 {
		var sx, sy [][]float64
		px := 0.0
		for range 50 {
			x, y, z := rng.NormFloat64(), rng.NormFloat64(), rng.NormFloat64()
			h1 := math.Sin(x+0.2) + 0.5*math.Exp(0.3*y) + 0.7*z*px
			h2 := 0.5*math.Sin(2*x-0.1) + 0.2*math.Exp(-0.2*y) + 1.1*z*px
			sx, sy = append(sx, []float64{x, y, z}), append(sy, []float64{h1 + 0.3*h2, h2 - 0.6*h1})
			px = x
		}
		xs, ys = append(xs, sx), append(ys, sy)
	}
	return p, xs, ys
}

func BenchmarkBig(b *testing.B) {
	p, xs, ys := bigProblem()
	for b.Loop() {
		q, rep, err := Program(p, xs, ys, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%s loss %v -> %v, %d iterations, %d evaluations, %d constants, %.2fs", q, rep.LossBefore, rep.LossAfter, rep.Iterations, rep.Evaluations, len(rep.Constants), rep.Seconds)
	}
}
