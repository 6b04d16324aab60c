package symreg

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

func benchFit(b *testing.B, X [][]float64, y []float64, vars []string, opts Options) {
	b.Helper()
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		var err error
		res, err = Fit(X, y, vars, opts)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Evals), "evals/op")
	if !res.Found && opts.MaxEvals == 0 {
		b.Fatalf("not found: %v", res.Err())
	}
}

// 1 input, 1000 continuous samples: 3.2x − 1.5 with noise 1e-3.
func BenchmarkFit1DLinear(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	X := uniform(r, 1000, 1, -3, 3)
	y := targets(X, func(x []float64) float64 { return 3.2*x[0] - 1.5 }, 1e-3, r)
	benchFit(b, X, y, []string{"x"}, Options{})
}

// 1 input, 1000 integer samples (0..30 repeated): floor(x/7) + 1.
func BenchmarkFit1DInteger(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	X := make([][]float64, 1000)
	for i := range X {
		X[i] = []float64{float64(r.IntN(31))}
	}
	y := targets(X, func(x []float64) float64 { return math.Floor(x[0]/7) + 1 }, 0, nil)
	benchFit(b, X, y, []string{"x"}, Options{Integer: true})
}

// 2 inputs, 1000 continuous samples: |x − y| with noise 1e-3.
func BenchmarkFit2DAbs(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	X := uniform(r, 1000, 2, -3, 3)
	y := targets(X, func(x []float64) float64 { return math.Abs(x[0] - x[1]) }, 1e-3, r)
	benchFit(b, X, y, []string{"x", "y"}, Options{})
}

// 2 inputs, 1000 integer samples (0..15 each): (x + y) mod 5.
func BenchmarkFit2DIntegerMod(b *testing.B) {
	r := rand.New(rand.NewPCG(4, 4))
	X := make([][]float64, 1000)
	for i := range X {
		X[i] = []float64{float64(r.IntN(16)), float64(r.IntN(16))}
	}
	y := targets(X, func(x []float64) float64 { return math.Mod(x[0]+x[1], 5) }, 0, nil)
	benchFit(b, X, y, []string{"x", "prev1_x"}, Options{Integer: true})
}

// 2 inputs, 1000 integer samples: [x == y] (an equality indicator).
func BenchmarkFit2DIntegerEq(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 5))
	X := make([][]float64, 1000)
	for i := range X {
		X[i] = []float64{float64(r.IntN(10)), float64(r.IntN(10))}
	}
	y := targets(X, func(x []float64) float64 { return program.Indicator(x[0] == x[1]) }, 0, nil)
	benchFit(b, X, y, []string{"x", "y"}, Options{Integer: true})
}

// 3 inputs, 1000 integer samples: x + y − z.
func BenchmarkFit3DInteger(b *testing.B) {
	r := rand.New(rand.NewPCG(6, 6))
	X := make([][]float64, 1000)
	for i := range X {
		X[i] = []float64{float64(r.IntN(10)), float64(r.IntN(10)), float64(r.IntN(10))}
	}
	y := targets(X, func(x []float64) float64 { return x[0] + x[1] - x[2] }, 0, nil)
	benchFit(b, X, y, []string{"x", "y", "z"}, Options{Integer: true})
}

// The worst case: 2 inputs, 1000 samples of pure noise, so the whole default budget is spent.
func BenchmarkFit2DNoiseFullBudget(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 7))
	X := uniform(r, 1000, 2, -1, 1)
	y := make([]float64, len(X))
	for i := range y {
		y[i] = r.NormFloat64()
	}
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		res, _ = Fit(X, y, []string{"x", "y"}, Options{})
	}
	b.ReportMetric(float64(res.Evals), "evals/op")
}

// 2 inputs, 1000 integer samples (0..19 each): floor(x/2) + y (complexity 6).
func BenchmarkFit2DIntegerFloorSum(b *testing.B) {
	r := rand.New(rand.NewPCG(8, 8))
	X := make([][]float64, 1000)
	for i := range X {
		X[i] = []float64{float64(r.IntN(20)), float64(r.IntN(20))}
	}
	y := targets(X, func(x []float64) float64 { return math.Floor(x[0]/2) + x[1] }, 0, nil)
	benchFit(b, X, y, []string{"x", "y"}, Options{Integer: true})
}

// A physical one-step law over 3 inputs, 2000 samples, with the law templates on: a damped
// pendulum driven by an observed torque (four terms, one a sine). Beside the enumeration, the
// sparse polynomial template solves tens of thousands of small least-squares systems
// (linFit.solve), one per subset of its terms.
func BenchmarkFitLaw3D(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	var X [][]float64
	var y []float64
	for range 2000 {
		th := rng.Float64()*4 - 2
		p := th + rng.Float64()*0.4 - 0.2
		f := rng.Float64()*4 - 2
		X = append(X, []float64{th, p, f})
		y = append(y, 1.95*th-0.95*p-0.04*math.Sin(th)+0.01*f)
	}
	benchFit(b, X, y, []string{"th", "p", "f"}, Options{RelTol: 1e-12, MaxComplexity: 24, Laws: true})
}
