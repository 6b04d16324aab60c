package physics

import (
	"math"
	"math/rand/v2"
)

// The spring family: a unit mass on a linear spring, a = −k·x, alone (Spring), with a damper
// (DampedSpring), with an external force observed at every step (DrivenSpring), and with a spring
// constant that changes from sequence to sequence and is observed as an input channel (SpringK).
// Their one-step laws are all linear in the observations (SpringK's is bilinear in k and x), which
// makes the recovered coefficients directly comparable with the truth.

// springK is the spring constant of spring, damped_spring and driven_spring: with dt = 0.1 it
// gives dt²·k = 0.04 and an angular frequency 2 (period ≈ 31 steps, so a training sequence of 20
// steps sees about two thirds of an oscillation).
const springK = 4.0

// springEnergy is the mechanical energy of a unit mass on a spring of constant k.
func springEnergy(s State, k float64) float64 { return s.V[0]*s.V[0]/2 + k*s.P[0]*s.P[0]/2 }

// Spring is the harmonic oscillator.
//
//	x = displacement, k = 4, dt = 0.1
//	x[t+1] = (2 − dt²·k)·x[t] − x[t−1] = 1.96·x[t] − x[t−1]
//	x0 ~ U[−3, 3), v0 ~ U[−6, 6)   (amplitude ≤ √(3² + (6/2)²) ≈ 4.2)
//
// Symplectic Euler's solution is exactly x[n] = A·cos(n·θ) + B·sin(n·θ) with cos θ = 1 − dt²·k/2:
// a rotation at a slightly shifted frequency, bounded for ever (dt²·k < 4).
func Spring() *System {
	const k = springK
	dt := DT
	return &System{
		Name:        "spring",
		Description: "next displacement of a harmonic oscillator, a = −k·x (1-D)",
		Dim:         1,
		InputNames:  []string{"x"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "k", Value: k, Unit: "1/time²", Doc: "spring constant per unit mass (ω² of the oscillator)"},
		},
		Law: "v = (x[t] − x[t−1])/dt; a = −k·x[t]; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= (2 − dt²·k)·x[t] − x[t−1] = " + num(2-dt*dt*k) + "·x[t] − x[t−1])",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2 - dt*dt*k, Formula: "2 − dt²·k"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 + k·x²/2 (per unit mass)",
			Conserved: true,
			Discrete:  "oscillates without drift; the shadow energy E − (dt/2)·k·x·v is conserved exactly",
			Eval:      func(s State, _ []float64) float64 { return springEnergy(s, k) },
		}},
		Ranges: "x0 ~ U[−3, 3), v0 ~ U[−6, 6)",
		Length: TrainLength,
		Accel:  func(a, p, _, _ []float64) { a[0] = -k * p[0] },
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			x0 := uniform(rng, -3, 3)
			v0 := uniform(rng, -6, 6)
			return State{P: []float64{x0}, V: []float64{v0}}, nil
		},
	}
}

// DampedSpring is the harmonic oscillator with viscous damping, a = −k·x − c·v. The damping
// makes the law depend on the velocity, so both coefficients move away from Spring's:
//
//	k = 4, c = 0.5, dt = 0.1
//	x[t+1] = (2 − dt²·k − dt·c)·x[t] − (1 − dt·c)·x[t−1] = 1.91·x[t] − 0.95·x[t−1]
//	x0 ~ U[−3, 3), v0 ~ U[−6, 6)
//
// The one-step map has determinant 1 − dt·c = 0.95, so the discrete orbit shrinks by √0.95 per
// step (close to the continuous e^{−c·dt/2}): to 60% over a training sequence and to 8% over five,
// decaying to zero over a 1,000-step roll-out.
func DampedSpring() *System {
	const k, c = springK, 0.5
	dt := DT
	return &System{
		Name:        "damped_spring",
		Description: "next displacement of a damped harmonic oscillator, a = −k·x − c·v (1-D)",
		Dim:         1,
		InputNames:  []string{"x"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "k", Value: k, Unit: "1/time²", Doc: "spring constant per unit mass"},
			{Name: "c", Value: c, Unit: "1/time", Doc: "damping coefficient per unit mass"},
		},
		Law: "v = (x[t] − x[t−1])/dt; a = −k·x[t] − c·v; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= (2 − dt²·k − dt·c)·x[t] − (1 − dt·c)·x[t−1] = " + num(2-dt*dt*k-dt*c) + "·x[t] − " +
			num(1-dt*c) + "·x[t−1])",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2 - dt*dt*k - dt*c, Formula: "2 − dt²·k − dt·c"},
			{Output: "next_x", Term: "x[t−1]", Value: -(1 - dt*c), Formula: "−(1 − dt·c)"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 + k·x²/2 (per unit mass)",
			Conserved: false,
			Discrete:  "dissipated (continuous dE/dt = −c·v²); the discrete orbit shrinks by √(1 − dt·c) per step",
			Eval:      func(s State, _ []float64) float64 { return springEnergy(s, k) },
		}},
		Ranges: "x0 ~ U[−3, 3), v0 ~ U[−6, 6)",
		Length: TrainLength,
		Accel:  func(a, p, v, _ []float64) { a[0] = -k*p[0] - c*v[0] },
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			x0 := uniform(rng, -3, 3)
			v0 := uniform(rng, -6, 6)
			return State{P: []float64{x0}, V: []float64{v0}}, nil
		},
	}
}

// DrivenSpring is the harmonic oscillator pushed by an external force F_t observed at every step
// as a second input channel, a = −k·x + F (unit mass).
//
//	k = 4, dt = 0.1, F_t ~ U[−4, 4) independently at each step
//	x[t+1] = (2 − dt²·k)·x[t] − x[t−1] + dt²·F[t] = 1.96·x[t] − x[t−1] + 0.01·F[t]
//	x0 ~ U[−2, 2), v0 ~ U[−4, 4)
//
// The force is white (independent uniform values) rather than a smooth signal on purpose: it
// cannot be predicted from the past, so a program that ignores the F channel cannot fit the
// targets, and the coefficient dt² of F must be recovered. The undriven oscillator is neutral,
// so the random pushes make its energy a random walk growing by about dt²·E[F²]/2 ≈ 0.027 per
// step: |x| stays below about 6 over 100 steps, and is typically 4 (at most about 15) after 1,000.
func DrivenSpring() *System {
	const k, fMax = springK, 4.0
	dt := DT
	return &System{
		Name:        "driven_spring",
		Description: "next displacement of a harmonic oscillator driven by an observed force, a = −k·x + F (1-D)",
		Dim:         1,
		InputNames:  []string{"x", "F"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "k", Value: k, Unit: "1/time²", Doc: "spring constant per unit mass"},
			{Name: "m", Value: 1, Unit: "mass", Doc: "mass (F is a force, a = F/m)"},
		},
		Law: "v = (x[t] − x[t−1])/dt; a = −k·x[t] + F[t]/m; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= (2 − dt²·k)·x[t] − x[t−1] + dt²·F[t] = " + num(2-dt*dt*k) + "·x[t] − x[t−1] + " +
			num(dt*dt) + "·F[t])",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2 - dt*dt*k, Formula: "2 − dt²·k"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x", Term: "F[t]", Value: dt * dt, Formula: "dt²/m"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 + k·x²/2 (per unit mass)",
			Conserved: false,
			Discrete:  "changes by the work of the force (continuous dE/dt = F·v); a random walk for white F",
			Eval:      func(s State, _ []float64) float64 { return springEnergy(s, k) },
		}},
		Ranges: "x0 ~ U[−2, 2), v0 ~ U[−4, 4), F_t ~ U[−4, 4) independently per step",
		Length: TrainLength,
		Accel:  func(a, p, _, u []float64) { a[0] = -k*p[0] + u[0] },
		Draw: func(rng *rand.Rand, n int) (State, [][]float64) {
			x0 := uniform(rng, -2, 2)
			v0 := uniform(rng, -4, 4)
			return State{P: []float64{x0}, V: []float64{v0}}, whiteForce(rng, n, fMax)
		},
	}
}

// SpringK is the harmonic oscillator whose spring constant k is drawn per sequence and observed
// as an input channel (the same value at every position). The law must then multiply two
// observations, the one continuous product the family asks for:
//
//	dt = 0.1, k ~ U[1, 9) per sequence (angular frequency 1 to 3)
//	x[t+1] = 2·x[t] − x[t−1] − dt²·k[t]·x[t] = 2·x[t] − x[t−1] − 0.01·k[t]·x[t]
//	x0 ~ U[−3, 3), v0 ~ √k·U[−3, 3)   (amplitude ≤ √(3² + 3²) ≈ 4.2 for every k)
func SpringK() *System {
	const kMin, kMax = 1.0, 9.0
	dt := DT
	return &System{
		Name:        "spring_k",
		Description: "next displacement of a harmonic oscillator whose spring constant k is an input, a = −k·x (1-D)",
		Dim:         1,
		InputNames:  []string{"x", "k"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants:   []Constant{},
		Law: "v = (x[t] − x[t−1])/dt; a = −k[t]·x[t]; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= 2·x[t] − x[t−1] − dt²·k[t]·x[t] = 2·x[t] − x[t−1] − " + num(dt*dt) + "·k[t]·x[t])",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2, Formula: "2"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x", Term: "k[t]·x[t]", Value: -dt * dt, Formula: "−dt²"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 + k·x²/2 (per unit mass; k from the input channel)",
			Conserved: true,
			Discrete:  "oscillates without drift; the shadow energy E − (dt/2)·k·x·v is conserved exactly",
			Eval:      func(s State, u []float64) float64 { return springEnergy(s, u[0]) },
		}},
		Ranges: "k ~ U[1, 9) per sequence (constant along it), x0 ~ U[−3, 3), v0 ~ √k·U[−3, 3)",
		Length: TrainLength,
		Accel:  func(a, p, _, u []float64) { a[0] = -u[0] * p[0] },
		Draw: func(rng *rand.Rand, n int) (State, [][]float64) {
			k := uniform(rng, kMin, kMax)
			x0 := uniform(rng, -3, 3)
			v0 := math.Sqrt(k) * uniform(rng, -3, 3)
			u := make([][]float64, n)
			for t := range u {
				u[t] = []float64{k}
			}
			return State{P: []float64{x0}, V: []float64{v0}}, u
		},
	}
}

// whiteForce draws an external force for n steps, independent and uniform in [−fMax, fMax) at
// each: white, so that no past observation predicts it.
func whiteForce(rng *rand.Rand, n int, fMax float64) [][]float64 {
	u := make([][]float64, n)
	for t := range u {
		u[t] = []float64{uniform(rng, -fMax, fMax)}
	}
	return u
}
