package physics

import (
	"math"
	"math/rand/v2"
)

// ProjectileDrag is a projectile in 2-D under gravity and linear air drag, a = (0, −g) − γ·v.
// Drag makes the law depend on the velocity, and gravity adds a constant term to y only:
//
//	g = 1, γ = 0.5, dt = 0.1
//	x[t+1] = (2 − dt·γ)·x[t] − (1 − dt·γ)·x[t−1]           = 1.95·x[t] − 0.95·x[t−1]
//	y[t+1] = (2 − dt·γ)·y[t] − (1 − dt·γ)·y[t−1] − dt²·g  = 1.95·y[t] − 0.95·y[t−1] − 0.01
//	x0 ~ U[−2, 2), y0 ~ U[0, 5), speed ~ U[3, 6), elevation ~ U[15°, 75°)
//
// The velocity relaxes geometrically (factor 1 − dt·γ per step) to the terminal velocity
// (0, −g/γ) = (0, −2): x approaches x0 + vx0/γ (at most 14), and y rises by at most about 10 and
// then falls at speed 2, reaching about −15 after five training lengths (10 time units). Like free
// fall, y is unbounded over long roll-outs (about −200 after 1,000 steps).
func ProjectileDrag() *System {
	const g, gamma = 1.0, 0.5
	dt := DT
	damp := 1 - dt*gamma
	return &System{
		Name:        "projectile_drag",
		Description: "next position of a projectile under gravity and linear drag, a = (0, −g) − γ·v (2-D)",
		Dim:         2,
		InputNames:  []string{"x", "y"},
		OutputNames: []string{"next_x", "next_y"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "g", Value: g, Unit: "length/time²", Doc: "gravitational acceleration; y points up"},
			{Name: "gamma", Value: gamma, Unit: "1/time", Doc: "linear drag coefficient per unit mass"},
		},
		Law: "v = (p[t] − p[t−1])/dt; a = (0, −g) − γ·v; p[t+1] = p[t] + dt·(v + dt·a)" +
			"  (x[t+1] = " + num(1+damp) + "·x[t] − " + num(damp) + "·x[t−1]; y[t+1] = " + num(1+damp) +
			"·y[t] − " + num(damp) + "·y[t−1] − " + num(dt*dt*g) + ")",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 1 + damp, Formula: "2 − dt·γ"},
			{Output: "next_x", Term: "x[t−1]", Value: -damp, Formula: "−(1 − dt·γ)"},
			{Output: "next_y", Term: "y[t]", Value: 1 + damp, Formula: "2 − dt·γ"},
			{Output: "next_y", Term: "y[t−1]", Value: -damp, Formula: "−(1 − dt·γ)"},
			{Output: "next_y", Term: "1", Value: -dt * dt * g, Formula: "−dt²·g"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "|v|²/2 + g·y (per unit mass)",
			Conserved: false,
			Discrete:  "dissipated by drag (continuous dE/dt = −γ·|v|²); decreases without bound as y falls at terminal speed",
			Eval:      func(s State, _ []float64) float64 { return (s.V[0]*s.V[0]+s.V[1]*s.V[1])/2 + g*s.P[1] },
		}},
		Ranges: "x0 ~ U[−2, 2), y0 ~ U[0, 5), speed ~ U[3, 6), elevation ~ U[15°, 75°)",
		Length: TrainLength,
		Accel: func(a, _, v, _ []float64) {
			a[0] = -gamma * v[0]
			a[1] = -g - gamma*v[1]
		},
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			x0 := uniform(rng, -2, 2)
			y0 := uniform(rng, 0, 5)
			speed := uniform(rng, 3, 6)
			elev := uniform(rng, 15, 75) * math.Pi / 180
			return State{P: []float64{x0, y0}, V: []float64{speed * math.Cos(elev), speed * math.Sin(elev)}}, nil
		},
	}
}
