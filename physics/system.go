package physics

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/discretetransformer/w2c/task"
)

// TrainLength is the sequence length physics tasks are trained on. Verification also runs five
// times longer sequences, and roll-outs 1,000 steps, so every system's ranges are chosen to stay
// well-scaled far beyond it.
const TrainLength = 20

// Warmup is the number of leading positions whose targets are not scored: the target at t = 0
// needs the velocity v[0], and no earlier observation gives it.
const Warmup = 1

// DT is the time step shared by all systems (nondimensional units, see the package doc).
const DT = 0.1

// State is the full state of a particle at one step: position(s) P and velocity V, each of the
// system's dimension. Only P is observed by tasks; V is what the model has to reconstruct.
type State struct {
	P, V []float64
}

// Clone returns a deep copy, so that simulators can hand out states without aliasing.
func (s State) Clone() State {
	return State{P: append([]float64(nil), s.P...), V: append([]float64(nil), s.V...)}
}

// Constant is a named physical constant of a system, with its value and unit.
type Constant struct {
	Name  string  // as in the law, e.g. "k"
	Value float64 // in the package's nondimensional units
	Unit  string  // e.g. "1/time²"
	Doc   string  // what it is, e.g. "spring constant per unit mass"
}

// Coefficient is one constant of the true one-step law written in observables: the law for output
// Output is the sum over its coefficients of Value·Term. A later stage recovers such constants
// from a trained model or an extracted program and compares them with Value (RelativeError).
//
// For spring, next_x = 1.96·x[t] − 1·x[t−1]: two coefficients, {next_x, "x[t]", 1.96, "2 − dt²·k"}
// and {next_x, "x[t−1]", −1, "−1"}. Term "1" denotes a constant term.
type Coefficient struct {
	Output  string  // output channel, e.g. "next_x"
	Term    string  // the observable it multiplies, e.g. "x[t]", "sin(theta[t])", "k[t]·x[t]", "x[t]/|(x[t], y[t])|³", "1"
	Value   float64 // its true value
	Formula string  // how Value follows from the constants, e.g. "2 − dt²·k"
}

// Name is a stable key for the coefficient, "output:term", e.g. "next_x:x[t−1]".
func (c Coefficient) Name() string { return c.Output + ":" + c.Term }

// RelativeError is |got − want| / |want|, or |got| when want is zero, the measure used to compare
// a recovered constant with its true value.
func RelativeError(got, want float64) float64 {
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// Invariant is a quantity of the continuous system that is (or, for driven and dissipative
// systems, would be) conserved, with a function computing it from a state. Conserved says whether
// the continuous system conserves it; Discrete says what holds for the symplectic Euler simulation,
// which is what the tasks are made of.
type Invariant struct {
	Name      string // "energy", "angular momentum", ...
	Formula   string // e.g. "v²/2 + k·x²/2" (per unit mass)
	Conserved bool   // conserved by the continuous system
	Discrete  string // behaviour under symplectic Euler at the system's dt
	// Eval computes the quantity from a state and the external inputs at that step (nil when the
	// system has none; spring_k's energy needs k).
	Eval func(s State, u []float64) float64
}

// System is a physical system observed at fixed time steps: what it is, its constants, its true
// one-step law (as text and as coefficients), its invariants, and the functions that simulate it
// and make it a task.
type System struct {
	// Name is the task name, e.g. "damped_spring".
	Name string
	// Description says in one line what the task's output is.
	Description string
	// Dim is the number of position coordinates (1 or 2). The first Dim input channels are the
	// positions; the remaining ones are the external inputs u[t].
	Dim int
	// InputNames are the observed channels: positions then external inputs, e.g. ["x", "F"].
	InputNames []string
	// OutputNames are the targets, the next positions, e.g. ["next_x"].
	OutputNames []string
	// DT is the time step.
	DT float64
	// Units describes the unit system of positions, time and constants.
	Units string
	// Constants are the physical constants with their values and units.
	Constants []Constant
	// Law is the true one-step law in physical terms, human readable.
	Law string
	// Coefficients are the true constants of the law written in observables.
	Coefficients []Coefficient
	// Invariants are the conserved (or notable) quantities of the continuous system.
	Invariants []Invariant
	// Ranges describes how initial conditions, forces and parameters are drawn.
	Ranges string
	// Length is the training sequence length.
	Length int

	// Accel writes the acceleration a(p, v, u) into a. u holds the external inputs of this step
	// (nil for systems without any). It must not retain or modify p, v or u.
	Accel func(a, p, v, u []float64)
	// Draw draws an initial state and the external inputs for n steps (u[t] for t < n; nil when
	// the system has no external inputs), using only rng, the initial state first.
	Draw func(rng *rand.Rand, n int) (State, [][]float64)
}

// NumInputs is the number of external input channels (channels after the positions).
func (s *System) NumInputs() int { return len(s.InputNames) - s.Dim }

// Constant returns the value of the named constant, and panics when there is none (a
// programming error: the names are fixed per system).
func (s *System) Constant(name string) float64 {
	for _, c := range s.Constants {
		if c.Name == name {
			return c.Value
		}
	}
	panic(fmt.Sprintf("physics: system %q has no constant %q", s.Name, name))
}

// Generate draws one observed sequence of the given length: a random initial state and inputs
// from rng, simulated for length−1 steps. It is the task's generator.
func (s *System) Generate(rng *rand.Rand, length int) [][]float64 {
	init, u := s.Draw(rng, length)
	return s.Sequence(init, u, length)
}

// Reference applies the true one-step law to an observed sequence: at each position t it
// reconstructs v[t] = (p[t] − p[t−1])/dt from the observations, computes a(p[t], v[t], u[t]) and
// takes one symplectic Euler step, giving p[t+1]. It is the task's reference function, accepts
// any length, and uses only the observations (at the last position it predicts beyond them).
// At t = 0 it takes p[−1] = p[0] (zero velocity); that target is not scored (Warmup = 1).
func (s *System) Reference(xs [][]float64) [][]float64 {
	ys := task.Rows(len(xs), s.Dim)
	p, v, a := make([]float64, s.Dim), make([]float64, s.Dim), make([]float64, s.Dim)
	for t, x := range xs {
		prev := x
		if t > 0 {
			prev = xs[t-1]
		}
		for i := range p {
			p[i] = x[i]
			v[i] = (x[i] - prev[i]) / s.DT
		}
		var u []float64
		if s.NumInputs() > 0 {
			u = x[s.Dim:]
		}
		s.Accel(a, p, v, u)
		SymplecticEuler(p, v, a, s.DT)
		copy(ys[t], p)
	}
	return ys
}

// Task returns the system as a task of group "physics": real-valued targets, Warmup = 1.
func (s *System) Task() *task.Task {
	return &task.Task{
		Name:        s.Name,
		Group:       "physics",
		Description: s.Description,
		InputNames:  append([]string(nil), s.InputNames...),
		OutputNames: append([]string(nil), s.OutputNames...),
		Length:      s.Length,
		Integer:     false,
		Warmup:      Warmup,
		Generate:    s.Generate,
		Reference:   s.Reference,
	}
}

// uniform draws a number uniform in [lo, hi) from rng.
func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }

// sign draws +1 or −1 with equal probability.
func sign(rng *rand.Rand) float64 {
	if rng.IntN(2) == 0 {
		return -1
	}
	return 1
}

// num formats a constant for the human-readable laws: enough digits to be exact for the
// constants used here, without floating-point noise (0.04, not 0.04000000000000001).
func num(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }
