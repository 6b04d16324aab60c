package physics

import "math/rand/v2"

// CoupledSprings is two unit masses on a line, each tied to its wall by a spring k and to the
// other by a spring c, observed through both displacements:
//
//	a1 = −k·x1 − c·(x1 − x2), a2 = −k·x2 − c·(x2 − x1), k = 4, c = 1, dt = 0.1
//	x1[t+1] = (2 − dt²·(k + c))·x1[t] − x1[t−1] + dt²·c·x2[t] = 1.95·x1[t] − x1[t−1] + 0.01·x2[t]
//	x2[t+1] = (2 − dt²·(k + c))·x2[t] − x2[t−1] + dt²·c·x1[t]
//	x1, x2 ~ U[−2, 2), v1, v2 ~ U[−4, 4)
//
// Each law reads the other mass: the coupling is a cross term of one hundredth, which moves
// energy between the two masses at the beat frequency of the normal modes (ω² = k and k + 2c,
// so the energy swaps about every 42 steps): over a training sequence the effect of x2 on x1 is
// small but never negligible, and a law without it drifts within a roll-out.
func CoupledSprings() *System {
	const k, c = 4.0, 1.0
	dt := DT
	self := 2 - dt*dt*(k+c)
	return &System{
		Name:        "coupled_springs",
		Description: "next displacements of two masses coupled by a spring, each tied to a wall, a1 = −k·x1 − c·(x1 − x2) (2 × 1-D)",
		Dim:         2,
		InputNames:  []string{"x1", "x2"},
		OutputNames: []string{"next_x1", "next_x2"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "k", Value: k, Unit: "1/time²", Doc: "wall spring constant per unit mass"},
			{Name: "c", Value: c, Unit: "1/time²", Doc: "coupling spring constant per unit mass"},
		},
		Law: "v_i = (x_i[t] − x_i[t−1])/dt; a1 = −k·x1 − c·(x1 − x2), a2 = −k·x2 − c·(x2 − x1); x_i[t+1] = x_i[t] + dt·(v_i + dt·a_i)" +
			"  (x1[t+1] = " + num(self) + "·x1[t] − x1[t−1] + " + num(dt*dt*c) + "·x2[t], and the same with 1 and 2 swapped)",
		Coefficients: []Coefficient{
			{Output: "next_x1", Term: "x1[t]", Value: self, Formula: "2 − dt²·(k + c)"},
			{Output: "next_x1", Term: "x1[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x1", Term: "x2[t]", Value: dt * dt * c, Formula: "dt²·c"},
			{Output: "next_x2", Term: "x2[t]", Value: self, Formula: "2 − dt²·(k + c)"},
			{Output: "next_x2", Term: "x2[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x2", Term: "x1[t]", Value: dt * dt * c, Formula: "dt²·c"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "(v1² + v2²)/2 + k·(x1² + x2²)/2 + c·(x1 − x2)²/2 (per unit mass)",
			Conserved: true,
			Discrete:  "oscillates within a bounded band without drift (symplectic method)",
			Eval: func(s State, _ []float64) float64 {
				x1, x2, d := s.P[0], s.P[1], s.P[0]-s.P[1]
				return (s.V[0]*s.V[0]+s.V[1]*s.V[1])/2 + k*(x1*x1+x2*x2)/2 + c*d*d/2
			},
		}},
		Ranges: "x1, x2 ~ U[−2, 2), v1, v2 ~ U[−4, 4), independently",
		Length: TrainLength,
		Accel: func(a, p, _, _ []float64) {
			a[0] = -k*p[0] - c*(p[0]-p[1])
			a[1] = -k*p[1] - c*(p[1]-p[0])
		},
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			p := []float64{uniform(rng, -2, 2), uniform(rng, -2, 2)}
			v := []float64{uniform(rng, -4, 4), uniform(rng, -4, 4)}
			return State{P: p, V: v}, nil
		},
	}
}
