package symreg

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/extraction/program"
)

// TestRecoversPendulumLaw: the one-step law of a pendulum integrated with symplectic Euler,
// next = 2θ − θ[t−1] − 0.04·sin(θ), two raw variables plus one nonlinear term with fitted
// constants, recovered to float64 precision (linearVarsPlusOne).
func TestRecoversPendulumLaw(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var X [][]float64
	var y []float64
	for i := 0; i < 2000; i++ {
		th := rng.Float64()*4 - 2
		p := th + rng.Float64()*0.4 - 0.2
		X = append(X, []float64{p, th})
		y = append(y, 2*th-p-0.04*math.Sin(th))
	}
	res, err := Fit(X, y, []string{"p", "th"}, Options{RelTol: 1e-12, MaxComplexity: 18})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found || !strings.Contains(program.FormatExpr(res.Best.Expr), "sin(th)") {
		t.Fatalf("got %s (MSE %g), want 2*th - p - 0.04*sin(th)", program.FormatExpr(res.Best.Expr), res.Best.MSE)
	}
}

// TestRecoversSpringKLaw: a spring whose constant is an input, next = 2x − x[t−1] − 0.01·k·x,
// with the two raw variables of the law not the first two given.
func TestRecoversSpringKLaw(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var X [][]float64
	var y []float64
	for i := 0; i < 2000; i++ {
		k := 1 + 8*rng.Float64()
		x := rng.Float64()*6 - 3
		p := x + rng.Float64()*0.6 - 0.3
		X = append(X, []float64{k, p, x})
		y = append(y, 2*x-p-0.01*k*x)
	}
	res, err := Fit(X, y, []string{"k", "p", "x"}, Options{RelTol: 1e-12, MaxComplexity: 18})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found {
		t.Fatalf("got %s (MSE %g), want 2*x - p - 0.01*k*x", program.FormatExpr(res.Best.Expr), res.Best.MSE)
	}
}
