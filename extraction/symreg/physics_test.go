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

// TestRecoversPolynomialLaws: laws of polynomial forces are sparse polynomials in the
// observations (sparsePolynomial): Duffing's cubic spring, and van der Pol's cubic damping,
// whose law has four monomials, two of degree three. Neither is reached by enumeration.
func TestRecoversPolynomialLaws(t *testing.T) {
	for _, c := range []struct {
		name string
		law  func(x, p float64) float64
		want []string
	}{
		{"duffing", func(x, p float64) float64 { return 1.99*x - p - 0.01*x*x*x }, []string{"x * x^2"}},
		{"van_der_pol", func(x, p float64) float64 { return 2.09*x - 1.1*p - 0.1*x*x*x + 0.1*x*x*p }, []string{"x * x^2", "p * x^2"}},
	} {
		rng := rand.New(rand.NewPCG(5, 6))
		var X [][]float64
		var y []float64
		for i := 0; i < 2000; i++ {
			x := rng.Float64()*4 - 2
			p := x + rng.Float64()*0.6 - 0.3
			X = append(X, []float64{p, x})
			y = append(y, c.law(x, p))
		}
		res, err := Fit(X, y, []string{"p", "x"}, Options{RelTol: 1e-12, MaxComplexity: 24, Laws: true})
		if err != nil {
			t.Fatal(err)
		}
		got := program.FormatExpr(res.Best.Expr)
		if !res.Found {
			t.Errorf("%s: got %s (MSE %g)", c.name, got, res.Best.MSE)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: got %s, want a term %s", c.name, got, w)
			}
		}
	}
}

// TestRecoversDrivenPendulumLaw: four terms of three variables, one of them a sine (the
// library's periodic terms): a damped pendulum driven by an observed torque F.
func TestRecoversDrivenPendulumLaw(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var X [][]float64
	var y []float64
	for i := 0; i < 2000; i++ {
		th := rng.Float64()*4 - 2
		p := th + rng.Float64()*0.4 - 0.2
		f := rng.Float64()*4 - 2
		X = append(X, []float64{th, p, f})
		y = append(y, 1.95*th-0.95*p-0.04*math.Sin(th)+0.01*f)
	}
	res, err := Fit(X, y, []string{"th", "p", "f"}, Options{RelTol: 1e-12, MaxComplexity: 24, Laws: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := program.FormatExpr(res.Best.Expr); !res.Found || !strings.Contains(got, "sin(th)") {
		t.Fatalf("got %s (MSE %g), want 1.95*th - 0.95*p - 0.04*sin(th) + 0.01*f", got, res.Best.MSE)
	}
}

// TestRecoversKeplerLaw: an inverse-square central force, next = 2x − x[t−1] − 0.1·x/|(x, y)|³
// (the library's central terms), over the three variables a Kepler model's sub-MLP reads.
func TestRecoversKeplerLaw(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var X [][]float64
	var y []float64
	for i := 0; i < 2000; i++ {
		r, phi := 1.5+4*rng.Float64(), 2*math.Pi*rng.Float64()
		px, py := r*math.Cos(phi), r*math.Sin(phi)
		p := px + rng.Float64()*0.4 - 0.2
		X = append(X, []float64{px, py, p})
		y = append(y, 2*px-p-0.1*px/math.Pow(math.Hypot(px, py), 3))
	}
	res, err := Fit(X, y, []string{"x", "y", "p"}, Options{RelTol: 1e-12, MaxComplexity: 24, Laws: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := program.FormatExpr(res.Best.Expr); !res.Found || !strings.Contains(got, "sqrt(") {
		t.Fatalf("got %s (MSE %g), want 2*x - p - 0.1*x/|(x, y)|^3", got, res.Best.MSE)
	}
}
