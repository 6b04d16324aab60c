package physics

import (
	"fmt"

	"github.com/discretetransformer/w2c/task"
)

// Simulate advances the system n steps from init with symplectic Euler and returns the n+1
// states s[0] = init, ..., s[n]. u[t] are the external inputs applied during step t (from state t
// to state t+1); it must have at least n rows when the system has external inputs, and is ignored
// otherwise. This is the ground truth: tasks, references and roll-outs are all measured against it.
func (s *System) Simulate(init State, u [][]float64, n int) []State {
	if len(init.P) != s.Dim || len(init.V) != s.Dim {
		panic(fmt.Sprintf("physics: %s: initial state has dimension %d/%d, want %d", s.Name, len(init.P), len(init.V), s.Dim))
	}
	if s.NumInputs() > 0 && len(u) < n {
		panic(fmt.Sprintf("physics: %s: %d steps need %d input rows, got %d", s.Name, n, n, len(u)))
	}
	states := make([]State, n+1)
	cur := init.Clone()
	states[0] = cur.Clone()
	a := make([]float64, s.Dim)
	for t := range n {
		s.Accel(a, cur.P, cur.V, s.input(u, t))
		SymplecticEuler(cur.P, cur.V, a, s.DT)
		states[t+1] = cur.Clone()
	}
	return states
}

// Sequence simulates the system from init and returns the observed sequence of length n, xs[t]
// = positions p[t] followed by the external inputs u[t] (u needs n rows when the system has
// inputs). It is what Generate returns for a drawn initial state; use it for long roll-outs from
// a chosen initial state.
func (s *System) Sequence(init State, u [][]float64, n int) [][]float64 {
	if n <= 0 {
		return [][]float64{}
	}
	states := s.Simulate(init, u, n-1)
	xs := task.Rows(n, len(s.InputNames))
	for t, st := range states {
		copy(xs[t], st.P)
		copy(xs[t][len(st.P):], s.input(u, t))
	}
	return xs
}

// input is u[t], or nil for systems without external inputs.
func (s *System) input(u [][]float64, t int) []float64 {
	if s.NumInputs() == 0 {
		return nil
	}
	if len(u[t]) != s.NumInputs() {
		panic(fmt.Sprintf("physics: %s: input row %d has %d values, want %d", s.Name, t, len(u[t]), s.NumInputs()))
	}
	return u[t]
}

// Rollout runs a one-step predictor on its own outputs. xs is a true observed sequence (e.g.
// from Sequence): its positions 0 and 1 and all its external input channels are kept, and for
// t = 1, ..., len(xs)−2 the position channels of row t+1 are replaced by the predictor's last
// output on the rows so far. predict has the shape of a task reference (a trained model, an
// extracted program, or s.Reference itself, which reproduces xs up to rounding).
//
// window > 0 gives the predictor only the last window rows (at least 2 are needed to see the
// previous position), which keeps long roll-outs linear in time for predictors that, like the true
// law, only look one step back; window <= 0 gives it the whole prefix.
func (s *System) Rollout(predict task.Reference, xs [][]float64, window int) [][]float64 {
	out := make([][]float64, len(xs))
	for t, x := range xs {
		out[t] = append([]float64(nil), x...)
	}
	for t := Warmup; t+1 < len(out); t++ {
		lo := 0
		if window > 0 {
			lo = max(0, t+1-window)
		}
		ys := predict(out[lo : t+1])
		copy(out[t+1][:s.Dim], ys[len(ys)-1])
	}
	return out
}

// States reconstructs the states from an observed (or rolled-out) sequence, with the velocity
// as the backward difference v[t] = (p[t] − p[t−1])/dt, which is exact for the simulator. The
// result has len(xs)−1 entries, for t = 1, ..., len(xs)−1 (v[0] is not observable).
func (s *System) States(xs [][]float64) []State {
	if len(xs) < 2 {
		return nil
	}
	states := make([]State, len(xs)-1)
	for t := 1; t < len(xs); t++ {
		st := State{P: make([]float64, s.Dim), V: make([]float64, s.Dim)}
		for i := range s.Dim {
			st.P[i] = xs[t][i]
			st.V[i] = (xs[t][i] - xs[t-1][i]) / s.DT
		}
		states[t-1] = st
	}
	return states
}

// EvalAlong evaluates an invariant along an observed (or rolled-out) sequence, at t = 1, ...,
// len(xs)−1 (see States), e.g. to measure the energy drift of a 1,000-step roll-out.
func (s *System) EvalAlong(inv Invariant, xs [][]float64) []float64 {
	states := s.States(xs)
	vals := make([]float64, len(states))
	for i, st := range states {
		var u []float64
		if s.NumInputs() > 0 {
			u = xs[i+1][s.Dim:]
		}
		vals[i] = inv.Eval(st, u)
	}
	return vals
}
