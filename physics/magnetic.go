package physics

import (
	"math"
	"math/rand/v2"
)

// Magnetic is a charged particle in a uniform magnetic field perpendicular to its plane of
// motion: the Lorentz force q·v × B gives a = ω·(v_y, −v_x), with ω = qB/m the cyclotron
// frequency. The continuous motion is a clockwise circle of radius |v|/ω at constant speed. The
// law couples the two coordinates through the velocity:
//
//	ω = 0.5, dt = 0.1
//	x[t+1] = 2·x[t] − x[t−1] + dt·ω·(y[t] − y[t−1]) = 2·x[t] − x[t−1] + 0.05·(y[t] − y[t−1])
//	y[t+1] = 2·y[t] − y[t−1] − dt·ω·(x[t] − x[t−1]) = 2·y[t] − y[t−1] − 0.05·(x[t] − x[t−1])
//	x0, y0 ~ U[−3, 3), speed ~ U[1, 2), direction ~ U[0, 2π)   (radius 2 to 4)
//
// Symplectic Euler evaluates the velocity-dependent force at the old velocity, so in complex
// notation V = v_x + i·v_y each step is V ← (1 − i·ω·dt)·V: a rotation by atan(ω·dt) combined with
// a growth of the speed by √(1 + (ω·dt)²). The discrete orbit is a slowly widening spiral, not a
// circle, and the kinetic energy grows by exactly the factor 1 + (ω·dt)² = 1.0025 per step: by 5%
// over a training sequence, 28% over five (the radius by 13%), and by a factor 12 over 1,000 steps
// (radius ×3.5, so positions reach about 20). It is kept because the simulator, not the
// continuous system, is the ground truth that models learn; ω·dt is chosen small to keep it mild
// while a training sequence still turns by 1 radian.
func Magnetic() *System {
	const omega = 0.5
	dt := DT
	return &System{
		Name:        "magnetic",
		Description: "next position of a charged particle in a uniform magnetic field, a = ω·(v_y, −v_x) (2-D)",
		Dim:         2,
		InputNames:  []string{"x", "y"},
		OutputNames: []string{"next_x", "next_y"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "omega", Value: omega, Unit: "1/time", Doc: "cyclotron frequency qB/m (field along +z)"},
		},
		Law: "v = (p[t] − p[t−1])/dt; a = ω·(v_y, −v_x); p[t+1] = p[t] + dt·(v + dt·a)" +
			"  (x[t+1] = 2·x[t] − x[t−1] + " + num(dt*omega) + "·(y[t] − y[t−1]); y[t+1] = 2·y[t] − y[t−1] − " +
			num(dt*omega) + "·(x[t] − x[t−1]))",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2, Formula: "2"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x", Term: "y[t]", Value: dt * omega, Formula: "dt·ω"},
			{Output: "next_x", Term: "y[t−1]", Value: -dt * omega, Formula: "−dt·ω"},
			{Output: "next_y", Term: "y[t]", Value: 2, Formula: "2"},
			{Output: "next_y", Term: "y[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_y", Term: "x[t]", Value: -dt * omega, Formula: "−dt·ω"},
			{Output: "next_y", Term: "x[t−1]", Value: dt * omega, Formula: "dt·ω"},
		},
		Invariants: []Invariant{{
			Name:      "kinetic energy",
			Formula:   "|v|²/2 (per unit mass; the magnetic force does no work)",
			Conserved: true,
			Discrete:  "grows by exactly the factor 1 + (ω·dt)² per step (explicit velocity in the force)",
			Eval:      func(s State, _ []float64) float64 { return (s.V[0]*s.V[0] + s.V[1]*s.V[1]) / 2 },
		}},
		Ranges: "x0, y0 ~ U[−3, 3), speed ~ U[1, 2), direction ~ U[0, 2π)",
		Length: TrainLength,
		Accel: func(a, _, v, _ []float64) {
			a[0] = omega * v[1]
			a[1] = -omega * v[0]
		},
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			x0 := uniform(rng, -3, 3)
			y0 := uniform(rng, -3, 3)
			speed := uniform(rng, 1, 2)
			dir := uniform(rng, 0, 2*math.Pi)
			return State{P: []float64{x0, y0}, V: []float64{speed * math.Cos(dir), speed * math.Sin(dir)}}, nil
		},
	}
}
