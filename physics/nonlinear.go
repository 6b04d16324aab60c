package physics

import (
	"math"
	"math/rand/v2"
)

// The nonlinear oscillators: a cubic restoring force (Duffing's hardening spring and the double
// well) and a cubic damping (van der Pol). Their one-step laws are polynomials in the
// observations, so a recovered law is a sum of monomials whose coefficients compare directly
// with the truth, and the cubic terms are large enough over the drawn amplitudes that no
// linear law fits.

// Duffing is the hardening (Duffing) oscillator, a unit mass on a spring whose force grows
// with the cube of the displacement:
//
//	a = −k·x − β·x³, k = 1, β = 1, dt = 0.1
//	x[t+1] = (2 − dt²·k)·x[t] − x[t−1] − dt²·β·x[t]³ = 1.99·x[t] − x[t−1] − 0.01·x[t]³
//	x0 ~ U[−2, 2), v0 ~ U[−2, 2)
//
// The energy v²/2 + k·x²/2 + β·x⁴/4 starts at most 8, so |x| stays below about 2.2 (2.25 with
// the simulation's energy band); at that amplitude the cubic
// force is four times the linear one and the frequency twice the small-amplitude one.
func Duffing() *System {
	const k, beta = 1.0, 1.0
	dt := DT
	return &System{
		Name:        "duffing",
		Description: "next displacement of a hardening (Duffing) oscillator, a = −k·x − β·x³ (1-D)",
		Dim:         1,
		InputNames:  []string{"x"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "k", Value: k, Unit: "1/time²", Doc: "linear spring constant per unit mass"},
			{Name: "β", Value: beta, Unit: "1/(length²·time²)", Doc: "cubic spring constant per unit mass"},
		},
		Law: "v = (x[t] − x[t−1])/dt; a = −k·x[t] − β·x[t]³; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= (2 − dt²·k)·x[t] − x[t−1] − dt²·β·x[t]³ = " + num(2-dt*dt*k) + "·x[t] − x[t−1] − " + num(dt*dt*beta) + "·x[t]³)",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2 - dt*dt*k, Formula: "2 − dt²·k"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x", Term: "x[t]³", Value: -dt * dt * beta, Formula: "−dt²·β"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 + k·x²/2 + β·x⁴/4 (per unit mass)",
			Conserved: true,
			Discrete:  "oscillates within a bounded band without drift (symplectic method)",
			Eval:      func(s State, _ []float64) float64 { return quarticEnergy(s, k, beta) },
		}},
		Ranges: "x0 ~ U[−2, 2), v0 ~ U[−2, 2)",
		Length: TrainLength,
		Accel:  func(a, p, _, _ []float64) { a[0] = -k*p[0] - beta*p[0]*p[0]*p[0] },
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			return State{P: []float64{uniform(rng, -2, 2)}, V: []float64{uniform(rng, -2, 2)}}, nil
		},
	}
}

// DoubleWell is a particle in the quartic double-well potential V = −α·x²/2 + β·x⁴/4, wells at
// x = ±√(α/β) = ±1 with a barrier of height α²/(4β) = 1/4 between them:
//
//	a = α·x − β·x³, α = 1, β = 1, dt = 0.1
//	x[t+1] = (2 + dt²·α)·x[t] − x[t−1] − dt²·β·x[t]³ = 2.01·x[t] − x[t−1] − 0.01·x[t]³
//	x0 ~ U[−1.8, 1.8), v0 ~ U[−1.5, 1.5)
//
// The draws give both kinds of orbit: trapped in one well (energy below the barrier) and
// swinging over the barrier between the two (above it); |x| ≤ 2.02. The law has Duffing's
// terms with the linear force reversed: the origin repels.
func DoubleWell() *System {
	const alpha, beta = 1.0, 1.0
	dt := DT
	return &System{
		Name:        "double_well",
		Description: "next position of a particle in a double-well potential, a = α·x − β·x³ (1-D)",
		Dim:         1,
		InputNames:  []string{"x"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "α", Value: alpha, Unit: "1/time²", Doc: "curvature of the barrier at x = 0, per unit mass"},
			{Name: "β", Value: beta, Unit: "1/(length²·time²)", Doc: "quartic confinement per unit mass"},
		},
		Law: "v = (x[t] − x[t−1])/dt; a = α·x[t] − β·x[t]³; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= (2 + dt²·α)·x[t] − x[t−1] − dt²·β·x[t]³ = " + num(2+dt*dt*alpha) + "·x[t] − x[t−1] − " + num(dt*dt*beta) + "·x[t]³)",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2 + dt*dt*alpha, Formula: "2 + dt²·α"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x", Term: "x[t]³", Value: -dt * dt * beta, Formula: "−dt²·β"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 − α·x²/2 + β·x⁴/4 (per unit mass)",
			Conserved: true,
			Discrete:  "oscillates within a bounded band without drift (symplectic method)",
			Eval:      func(s State, _ []float64) float64 { return quarticEnergy(s, -alpha, beta) },
		}},
		Ranges: "x0 ~ U[−1.8, 1.8), v0 ~ U[−1.5, 1.5)",
		Length: TrainLength,
		Accel:  func(a, p, _, _ []float64) { a[0] = alpha*p[0] - beta*p[0]*p[0]*p[0] },
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			return State{P: []float64{uniform(rng, -1.8, 1.8)}, V: []float64{uniform(rng, -1.5, 1.5)}}, nil
		},
	}
}

// quarticEnergy is v²/2 + k·x²/2 + β·x⁴/4 per unit mass.
func quarticEnergy(s State, k, beta float64) float64 {
	x := s.P[0]
	return s.V[0]*s.V[0]/2 + k*x*x/2 + beta*x*x*x*x/4
}

// VanDerPol is the van der Pol oscillator: negative damping at small amplitude and positive
// damping at large, so every orbit approaches one limit cycle (amplitude about 2):
//
//	a = μ·(1 − x²)·v − ω²·x, μ = 1, ω = 1, dt = 0.1
//	x[t+1] = (2 − dt²·ω² + dt·μ)·x[t] − (1 + dt·μ)·x[t−1] − dt·μ·x[t]³ + dt·μ·x[t]²·x[t−1]
//	       = 2.09·x[t] − 1.1·x[t−1] − 0.1·x[t]³ + 0.1·x[t]²·x[t−1]
//	x0 ~ U[−2.5, 2.5), v0 ~ U[−2.5, 2.5)
//
// With the velocity read from two observations, the damping term μ·(1 − x²)·v becomes two
// cubic monomials: the law needs the product of three observations. Energy is not conserved:
// it grows inside the cycle and decays outside it.
func VanDerPol() *System {
	const mu, w2 = 1.0, 1.0
	dt := DT
	return &System{
		Name:        "van_der_pol",
		Description: "next displacement of a van der Pol oscillator, a = μ·(1 − x²)·v − ω²·x (1-D)",
		Dim:         1,
		InputNames:  []string{"x"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "μ", Value: mu, Unit: "1/time", Doc: "strength of the nonlinear damping"},
			{Name: "ω", Value: math.Sqrt(w2), Unit: "1/time", Doc: "small-amplitude angular frequency"},
		},
		Law: "v = (x[t] − x[t−1])/dt; a = μ·(1 − x[t]²)·v − ω²·x[t]; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= " + num(2-dt*dt*w2+dt*mu) + "·x[t] − " + num(1+dt*mu) + "·x[t−1] − " + num(dt*mu) + "·x[t]³ + " + num(dt*mu) + "·x[t]²·x[t−1])",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2 - dt*dt*w2 + dt*mu, Formula: "2 − dt²·ω² + dt·μ"},
			{Output: "next_x", Term: "x[t−1]", Value: -(1 + dt*mu), Formula: "−(1 + dt·μ)"},
			{Output: "next_x", Term: "x[t]³", Value: -dt * mu, Formula: "−dt·μ"},
			{Output: "next_x", Term: "x[t]²·x[t−1]", Value: dt * mu, Formula: "dt·μ"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 + ω²·x²/2 (per unit mass)",
			Conserved: false,
			Discrete:  "grows inside the limit cycle and decays outside it, then cycles within a band",
			Eval:      func(s State, _ []float64) float64 { return quarticEnergy(s, w2, 0) },
		}},
		Ranges: "x0 ~ U[−2.5, 2.5), v0 ~ U[−2.5, 2.5)",
		Length: TrainLength,
		Accel: func(a, p, v, _ []float64) {
			a[0] = mu*(1-p[0]*p[0])*v[0] - w2*p[0]
		},
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			return State{P: []float64{uniform(rng, -2.5, 2.5)}, V: []float64{uniform(rng, -2.5, 2.5)}}, nil
		},
	}
}
