package physics

import (
	"math"
	"math/rand/v2"
)

// Kepler is a body orbiting a fixed central mass at the origin under inverse-square gravity,
// a = −GM·r/|r|³. The law needs the distance r = √(x² + y²), a cube and a division: the most
// nonlinear arithmetic of the set.
//
//	GM = GMValue, dt = 0.1, r[t] = √(x[t]² + y[t]²)
//	x[t+1] = 2·x[t] − x[t−1] − dt²·GM·x[t]/r[t]³
//	y[t+1] = 2·y[t] − y[t−1] − dt²·GM·y[t]/r[t]³
//
// Initial states are drawn as bound Keplerian orbits (energy −GM/(2a) < 0) of semi-major axis
// a ~ U[KeplerAMin, KeplerAMax), eccentricity e ~ U[0, KeplerEMax), orientation ~ U[0, 2π), starting
// at a true anomaly ~ U[0, 2π), prograde or retrograde with equal probability. The distance then
// stays within [a(1−e), a(1+e)] (about 1.75 to 5.2, up to the discretisation's small distortion),
// and an orbit takes about 2π·√(a³/GM)/dt steps (KeplerPeriodSteps).
//
// For a central force symplectic Euler conserves the angular momentum x·v_y − y·v_x exactly (each
// half-step changes r × v by r × a = 0, or by v × v = 0), which in observables says that
// x[t−1]·y[t] − y[t−1]·x[t] is the same at every step. The energy is not conserved but oscillates
// once per orbit without drift.
func Kepler() *System {
	const gm = GMValue
	dt := DT
	return &System{
		Name:        "kepler",
		Description: "next position of a body in a bound orbit around a central mass, a = −GM·r/|r|³ (2-D)",
		Dim:         2,
		InputNames:  []string{"x", "y"},
		OutputNames: []string{"next_x", "next_y"},
		DT:          dt,
		Units:       units,
		Constants: []Constant{
			{Name: "GM", Value: gm, Unit: "length³/time²", Doc: "gravitational parameter of the central mass"},
		},
		Law: "v = (p[t] − p[t−1])/dt; r = |p[t]|; a = −GM·p[t]/r³; p[t+1] = p[t] + dt·(v + dt·a)" +
			"  (p[t+1] = 2·p[t] − p[t−1] − dt²·GM·p[t]/r³ = 2·p[t] − p[t−1] − " + num(dt*dt*gm) + "·p[t]/r³)",
		Coefficients: []Coefficient{
			{Output: "next_x", Term: "x[t]", Value: 2, Formula: "2"},
			{Output: "next_x", Term: "x[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_x", Term: "x[t]/|(x[t], y[t])|³", Value: -dt * dt * gm, Formula: "−dt²·GM"},
			{Output: "next_y", Term: "y[t]", Value: 2, Formula: "2"},
			{Output: "next_y", Term: "y[t−1]", Value: -1, Formula: "−1"},
			{Output: "next_y", Term: "y[t]/|(x[t], y[t])|³", Value: -dt * dt * gm, Formula: "−dt²·GM"},
		},
		Invariants: []Invariant{
			{
				Name:      "angular momentum",
				Formula:   "x·v_y − y·v_x (per unit mass)",
				Conserved: true,
				Discrete:  "conserved exactly (up to rounding) for a central force",
				Eval:      func(s State, _ []float64) float64 { return s.P[0]*s.V[1] - s.P[1]*s.V[0] },
			},
			{
				Name:      "energy",
				Formula:   "|v|²/2 − GM/|r| (per unit mass)",
				Conserved: true,
				Discrete:  "oscillates once per orbit within a bounded band, without drift (symplectic method)",
				Eval: func(s State, _ []float64) float64 {
					return (s.V[0]*s.V[0]+s.V[1]*s.V[1])/2 - gm/math.Hypot(s.P[0], s.P[1])
				},
			},
		},
		Ranges: "bound orbit: a ~ U[" + num(KeplerAMin) + ", " + num(KeplerAMax) + "), e ~ U[0, " + num(KeplerEMax) +
			"), periapsis direction ~ U[0, 2π), true anomaly ~ U[0, 2π), prograde or retrograde",
		Length: TrainLength,
		Accel: func(a, p, _, _ []float64) {
			r := math.Hypot(p[0], p[1])
			f := -gm / (r * r * r)
			a[0] = f * p[0]
			a[1] = f * p[1]
		},
		Draw: func(rng *rand.Rand, _ int) (State, [][]float64) {
			return KeplerState(uniform(rng, KeplerAMin, KeplerAMax), uniform(rng, 0, KeplerEMax),
				uniform(rng, 0, 2*math.Pi), uniform(rng, 0, 2*math.Pi), rng.IntN(2) == 0), nil
		},
	}
}

// Kepler's constants and ranges. GM and dt set the time scale: an orbit of semi-major axis 3
// takes about 100 steps, so a training sequence covers a fifth of an orbit and a verification
// sequence (five training lengths) a whole one, while periapsis passages still take many steps.
const (
	GMValue    = 10.0 // gravitational parameter GM
	KeplerAMin = 2.5  // smallest semi-major axis drawn
	KeplerAMax = 4.0  // largest semi-major axis drawn (exclusive)
	KeplerEMax = 0.3  // largest eccentricity drawn (exclusive)
)

// KeplerPeriodSteps is the number of time steps of one continuous orbit of semi-major axis a.
func KeplerPeriodSteps(a float64) float64 { return 2 * math.Pi * math.Sqrt(a*a*a/GMValue) / DT }

// KeplerState is the state on the continuous Keplerian orbit (central mass GMValue at the origin)
// with semi-major axis a, eccentricity e (0 ≤ e < 1), periapsis direction varpi and true anomaly
// nu, all angles in radians, moving counter-clockwise unless retrograde.
func KeplerState(a, e, varpi, nu float64, retrograde bool) State {
	semiLatus := a * (1 - e*e)
	r := semiLatus / (1 + e*math.Cos(nu))
	// Position and velocity in the perifocal frame (x toward periapsis).
	px, py := r*math.Cos(nu), r*math.Sin(nu)
	s := math.Sqrt(GMValue / semiLatus)
	vx, vy := -s*math.Sin(nu), s*(e+math.Cos(nu))
	if retrograde { // mirror image: the same orbit shape traversed clockwise
		py, vy = -py, -vy
	}
	c, sn := math.Cos(varpi), math.Sin(varpi)
	return State{
		P: []float64{c*px - sn*py, sn*px + c*py},
		V: []float64{c*vx - sn*vy, sn*vx + c*vy},
	}
}
