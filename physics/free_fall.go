package physics

import "math/rand/v2"

// units is the unit system shared by all systems (see the package doc).
const units = "nondimensional: a time unit and a length unit in which the constants are of order one; dt = 0.1 time units"

// FreeFall is a body thrown upward under constant gravity, the simplest second-order system: its
// acceleration does not depend on the state at all, so the one-step law is linear in the
// observations plus a constant term, −dt²·g.
//
//	x = height (up is positive), g = 1, dt = 0.1
//	x[t+1] = 2·x[t] − x[t−1] − dt²·g = 2·x[t] − x[t−1] − 0.01
//	x0 ~ U[0, 5), v0 ~ U[3, 7)
//
// The body rises (to at most 5 + 7²/2 ≈ 30) and falls back within five training lengths (10
// time units), so |x| stays below about 30 there. Free fall has no bounded long-time behaviour:
// over 1,000 steps the height is quadratic in time (about −5,000).
func FreeFall() *System {
	const g = 1.0
	dt := DT
	return &System{
		Name:        "free_fall",
		Description: "next height of a body in free fall under constant gravity (1-D)",
		Dim:         1,
		InputNames:  []string{"x"},
		OutputNames: []string{"next_x"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "g", Value: g, Unit: "length/time²", Doc: "gravitational acceleration; x points up"},
		},
		Law: "v = (x[t] − x[t−1])/dt; a = −g; x[t+1] = x[t] + dt·(v + dt·a)" +
			"  (= 2·x[t] − x[t−1] − dt²·g = 2·x[t] − x[t−1] − " + num(dt*dt*g) + ")",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2, Formula: "2"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x", Term: "1", Value: -dt * dt * g, Formula: "−dt²·g"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "v²/2 + g·x (per unit mass)",
			Conserved: true,
			Discrete: "drifts by exactly −g²·dt²/2 per step, because v is the backward difference and lags " +
				"the mid-step velocity by g·dt/2; the shadow energy E − (dt/2)·g·v is conserved exactly",
			Eval: func(s State, _ []float64) float64 { return s.V[0]*s.V[0]/2 + g*s.P[0] },
		}},
		Ranges: "x0 ~ U[0, 5), v0 ~ U[3, 7) (thrown upward)",
		Length: TrainLength,
		Accel:  func(a, _, _, _ []float64) { a[0] = -g },
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			x0 := uniform(rng, 0, 5)
			v0 := uniform(rng, 3, 7)
			return State{P: []float64{x0}, V: []float64{v0}}, nil
		},
	}
}
