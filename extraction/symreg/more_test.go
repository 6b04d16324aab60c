package symreg

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// TestRecoverMore: a wider set of sub-MLP-like functions (1 to 3 inputs, integer and
// continuous), noiseless and with noise 1e-3; each must be found within tolerance, agree with
// the function on the samples, and be no more complex than the complexity given.
func TestRecoverMore(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ri := func(n, k, hi int) [][]float64 {
		X := make([][]float64, n)
		for i := range X {
			X[i] = make([]float64, k)
			for j := range X[i] {
				X[i][j] = float64(r.IntN(hi))
			}
		}
		return X
	}
	carry := func() [][]float64 { // digit a, digit b, carry bit c
		X := ri(1000, 3, 10)
		for _, x := range X {
			x[2] = float64(int(x[2]) % 2)
		}
		return X
	}
	cases := []struct {
		name    string
		X       [][]float64
		f       func(x []float64) float64
		integer bool
		maxC    int
		slow    bool
	}{
		{"x mod 2", ri(500, 1, 21), func(x []float64) float64 { return math.Mod(x[0], 2) }, true, 3, false},
		{"(x+1) mod 10", ri(500, 1, 10), func(x []float64) float64 { return math.Mod(x[0]+1, 10) }, true, 5, false},
		{"x > y", ri(500, 2, 10), func(x []float64) float64 { return program.Indicator(x[0] > x[1]) }, true, 3, false},
		{"x*x", uniform(r, 500, 1, -3, 3), func(x []float64) float64 { return x[0] * x[0] }, false, 2, false},
		{"min(x,3)", ri(500, 1, 10), func(x []float64) float64 { return math.Min(x[0], 3) }, true, 3, false},
		{"clamp(x,-0.5,0.5)", uniform(r, 500, 1, -1, 1), func(x []float64) float64 { return math.Min(math.Max(x[0], -0.5), 0.5) }, false, 5, false},
		{"clamp(x,2,7)", ri(500, 1, 12), func(x []float64) float64 { return math.Min(math.Max(x[0], 2), 7) }, true, 5, false},
		{"round(x/2)", ri(500, 1, 30), func(x []float64) float64 { return math.Round(x[0] / 2) }, true, 4, false},
		{"floor(x/2)+y", ri(500, 2, 20), func(x []float64) float64 { return math.Floor(x[0]/2) + x[1] }, true, 6, false},
		{"sqrt(x)", uniform(r, 500, 1, 0, 10), func(x []float64) float64 { return math.Sqrt(x[0]) }, false, 2, false},
		{"exp(x)", uniform(r, 500, 1, -2, 2), func(x []float64) float64 { return math.Exp(x[0]) }, false, 2, false},
		{"sin(2x+1)", uniform(r, 500, 1, -3, 3), func(x []float64) float64 { return math.Sin(2*x[0] + 1) }, false, 6, false},
		{"(x-2)^2", uniform(r, 500, 1, -3, 3), func(x []float64) float64 { return (x[0] - 2) * (x[0] - 2) }, false, 4, false},
		{"x*y+1", uniform(r, 500, 2, -3, 3), func(x []float64) float64 { return x[0]*x[1] + 1 }, false, 5, false},
		{"|x-5|", ri(500, 1, 12), func(x []float64) float64 { return math.Abs(x[0] - 5) }, true, 4, false},
		{"x==0", ri(500, 1, 10), func(x []float64) float64 { return program.Indicator(x[0] == 0) }, true, 3, false},
		{"x/(y+1)", ri(500, 2, 10), func(x []float64) float64 { return x[0] / (x[1] + 1) }, false, 5, false},
		{"x*y mod 7", ri(1000, 2, 10), func(x []float64) float64 { return math.Mod(x[0]*x[1], 7) }, true, 5, false},
		{"x*(x>5)", ri(500, 1, 12), func(x []float64) float64 { return x[0] * program.Indicator(x[0] > 5) }, true, 5, false},
		{"0.5x+0.25", uniform(r, 500, 1, -3, 3), func(x []float64) float64 { return 0.5*x[0] + 0.25 }, false, 5, false},
		{"x/y", uniform(r, 500, 2, 1, 3), func(x []float64) float64 { return x[0] / x[1] }, false, 3, false},
		{"cos(x)*y", uniform(r, 500, 2, -3, 3), func(x []float64) float64 { return math.Cos(x[0]) * x[1] }, false, 4, false},
		{"x+y+z", ri(1000, 3, 10), func(x []float64) float64 { return x[0] + x[1] + x[2] }, true, 5, false},
		{"(x+y+z) mod 2, bits", ri(500, 3, 2), func(x []float64) float64 { return math.Mod(x[0]+x[1]+x[2], 2) }, true, 5, false},
		{"z ? x : y, bits", ri(1000, 3, 2), func(x []float64) float64 { return x[2]*x[0] + (1-x[2])*x[1] }, true, 7, false},
		{"y if x == 0 else x", ri(1000, 2, 4), func(x []float64) float64 { return map[bool]float64{true: x[1], false: x[0]}[x[0] == 0] }, true, 9, false},
		{"z if x > 1 else 0", ri(1000, 3, 4), func(x []float64) float64 { return map[bool]float64{true: x[2], false: 0}[x[0] > 1] }, true, 5, false},
		{"max(x,y,z)", ri(1000, 3, 10), func(x []float64) float64 { return math.Max(x[0], math.Max(x[1], x[2])) }, true, 5, false},
		{"2x-y+3z", ri(1000, 3, 10), func(x []float64) float64 { return 2*x[0] - x[1] + 3*x[2] }, true, 9, true},
		{"(x==y)+(y==z)", ri(1000, 3, 4), func(x []float64) float64 { return program.Indicator(x[0] == x[1]) + program.Indicator(x[1] == x[2]) }, true, 7, true},
		{"(a+b+c) mod 10", carry(), func(x []float64) float64 { return math.Mod(x[0]+x[1]+x[2], 10) }, true, 7, true},
		{"floor((a+b+c)/10)", carry(), func(x []float64) float64 { return math.Floor((x[0] + x[1] + x[2]) / 10) }, true, 7, true},
	}
	for _, c := range cases {
		for _, noise := range []float64{0, 1e-3} {
			name := c.name
			if noise > 0 {
				name += ", noisy"
			}
			t.Run(name, func(t *testing.T) {
				if c.slow && (testing.Short() || noise > 0) {
					t.Skip("slow")
				}
				y := targets(c.X, c.f, noise, r)
				vars := []string{"x", "y", "z"}[:len(c.X[0])]
				pointTol := 1e-9
				if noise > 0 {
					pointTol = 0.02
				}
				checkFit(t, c.X, y, vars, Options{Integer: c.integer, Seed: 1}, c.f, c.maxC, pointTol)
			})
		}
	}
}
