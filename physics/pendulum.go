package physics

import (
	"math"
	"math/rand/v2"
)

// Pendulum is the simple pendulum, observed through its angle θ from the downward vertical:
// a = −(g/L)·sin θ. It is the spring with a nonlinear restoring force (g/L = 4 equals Spring's k,
// so the two agree for small angles), and the amplitudes are large enough that sin θ is far
// from θ (sin 2 = 0.91): a program must compute a sine of an observation.
//
//	g = 1, L = 0.25 (g/L = 4), dt = 0.1
//	θ[t+1] = 2·θ[t] − θ[t−1] − dt²·(g/L)·sin θ[t] = 2·θ[t] − θ[t−1] − 0.04·sin θ[t]
//	amplitude A ~ U[1, 2) rad (57° to 115°), θ0 = A·U[−1, 1), ω0 = ±√(2·(g/L)·(cos θ0 − cos A))
//
// The initial angular velocity puts the pendulum on the continuous orbit of amplitude A, well
// inside the separatrix (A < π), so it swings (never goes over the top) and |θ| stays below
// about 2.2 for ever: symplectic Euler keeps its energy within a bounded band (about a quarter of
// g/L wide at dt = 0.1).
func Pendulum() *System {
	const g, length = 1.0, 0.25
	const w2 = g / length
	dt := DT
	return &System{
		Name:        "pendulum",
		Description: "next angle of a simple pendulum, a = −(g/L)·sin θ (1-D)",
		Dim:         1,
		InputNames:  []string{"theta"},
		OutputNames: []string{"next_theta"},
		DT:          dt,
		Units:       units + "; angles in radians",
		Constants: []Constant{
			{Name: "g", Value: g, Unit: "length/time²", Doc: "gravitational acceleration"},
			{Name: "L", Value: length, Unit: "length", Doc: "pendulum length"},
		},
		Law: "ω = (θ[t] − θ[t−1])/dt; α = −(g/L)·sin θ[t]; θ[t+1] = θ[t] + dt·(ω + dt·α)" +
			"  (= 2·θ[t] − θ[t−1] − dt²·(g/L)·sin θ[t] = 2·θ[t] − θ[t−1] − " + num(dt*dt*w2) + "·sin θ[t])",
		Coefficients: []Coefficient{
			{Output: "next_theta", Term: "theta[t]", Value: 2, Formula: "2"},
			{Output: "next_theta", Term: "theta[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_theta", Term: "sin(theta[t])", Value: -dt * dt * w2, Formula: "−dt²·g/L"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "ω²/2 − (g/L)·cos θ (per unit m·L²)",
			Conserved: true,
			Discrete:  "oscillates within a bounded band without drift (symplectic method)",
			Eval:      func(s State, _ []float64) float64 { return pendulumEnergy(s, w2) },
		}},
		Ranges: "amplitude A ~ U[1, 2) rad, θ0 = A·U[−1, 1), ω0 = ±√(2·(g/L)·(cos θ0 − cos A)) (random sign)",
		Length: TrainLength,
		Accel:  func(a, p, _, _ []float64) { a[0] = -w2 * math.Sin(p[0]) },
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			return swing(rng, w2), nil
		},
	}
}

// DrivenPendulum is the damped pendulum driven by an observed torque: friction proportional to
// the angular velocity, and a random torque F[t] (per unit moment of inertia) recorded at every
// step, as an experimenter would apply and log it:
//
//	α = −(g/L)·sin θ − c·ω + F, g/L = 4, c = 0.5, dt = 0.1, F_t ~ U[−2, 2) independently per step
//	θ[t+1] = (2 − dt·c)·θ[t] − (1 − dt·c)·θ[t−1] − dt²·(g/L)·sin θ[t] + dt²·F[t]
//	       = 1.95·θ[t] − 0.95·θ[t−1] − 0.04·sin θ[t] + 0.01·F[t]
//	θ0 and ω0 as for the pendulum (amplitude A ~ U[1, 2) rad)
//
// Four terms of three kinds (a sine, a velocity read from two observations, an input): the
// law combines the pendulum, the damped spring and the driven spring. Friction removes energy
// faster than the white torque adds it (about dt²·E[F²]/2 ≈ 0.007 a step), so the swing decays
// towards a small jitter and never goes over the top.
func DrivenPendulum() *System {
	const g, length, c, fMax = 1.0, 0.25, 0.5, 2.0
	const w2 = g / length
	dt := DT
	return &System{
		Name:        "driven_pendulum",
		Description: "next angle of a damped pendulum driven by an observed torque, α = −(g/L)·sin θ − c·ω + F (1-D)",
		Dim:         1,
		InputNames:  []string{"theta", "F"},
		OutputNames: []string{"next_theta"},
		DT:          dt,
		Units:       units + "; angles in radians",
		Constants: []Constant{
			{Name: "g", Value: g, Unit: "length/time²", Doc: "gravitational acceleration"},
			{Name: "L", Value: length, Unit: "length", Doc: "pendulum length"},
			{Name: "c", Value: c, Unit: "1/time", Doc: "friction per unit moment of inertia"},
		},
		Law: "ω = (θ[t] − θ[t−1])/dt; α = −(g/L)·sin θ[t] − c·ω + F[t]; θ[t+1] = θ[t] + dt·(ω + dt·α)" +
			"  (= " + num(2-dt*c) + "·θ[t] − " + num(1-dt*c) + "·θ[t−1] − " + num(dt*dt*w2) + "·sin θ[t] + " + num(dt*dt) + "·F[t])",
		Coefficients: []Coefficient{
			{Output: "next_theta", Term: "theta[t]", Value: 2 - dt*c, Formula: "2 − dt·c"},
			{Output: "next_theta", Term: "theta[t−1]", Value: -(1 - dt*c), Formula: "−(1 − dt·c)"},
			{Output: "next_theta", Term: "sin(theta[t])", Value: -dt * dt * w2, Formula: "−dt²·g/L"},
			{Output: "next_theta", Term: "F[t]", Value: dt * dt, Formula: "dt²"},
		},
		Invariants: []Invariant{{
			Name:      "energy",
			Formula:   "ω²/2 − (g/L)·cos θ (per unit m·L²)",
			Conserved: false,
			Discrete:  "decays by friction, pushed up and down by the work of the torque",
			Eval:      func(s State, _ []float64) float64 { return pendulumEnergy(s, w2) },
		}},
		Ranges: "amplitude A ~ U[1, 2) rad, θ0 = A·U[−1, 1), ω0 on the undamped orbit of amplitude A (random sign), F_t ~ U[−2, 2) independently per step",
		Length: TrainLength,
		Accel:  func(a, p, v, u []float64) { a[0] = -w2*math.Sin(p[0]) - c*v[0] + u[0] },
		Draw: func(rng *rand.Rand, n int) (State, [][]float64) {
			init := swing(rng, w2)
			return init, whiteForce(rng, n, fMax)
		},
	}
}

// swing draws a pendulum's state on the orbit of an amplitude A ~ U[1, 2) rad: θ0 = A·U[−1, 1),
// ω0 = ±√(2·(g/L)·(cos θ0 − cos A)), w2 = g/L.
func swing(rng *rand.Rand, w2 float64) State {
	amp := uniform(rng, 1, 2)
	th := amp * uniform(rng, -1, 1)
	om := sign(rng) * math.Sqrt(max(0, 2*w2*(math.Cos(th)-math.Cos(amp))))
	return State{P: []float64{th}, V: []float64{om}}
}

// pendulumEnergy is ω²/2 − (g/L)·cos θ per unit m·L², w2 = g/L.
func pendulumEnergy(s State, w2 float64) float64 { return s.V[0]*s.V[0]/2 - w2*math.Cos(s.P[0]) }
