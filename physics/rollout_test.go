package physics

import (
	"math"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// TestRolloutOfTheTrueLaw: rolling the reference out on its own predictions for 1,000 steps
// reproduces the simulation (up to accumulated rounding), with a sliding window of 2 rows and,
// over a shorter horizon, with the whole prefix.
func TestRolloutOfTheTrueLaw(t *testing.T) {
	for _, s := range Systems() {
		for _, c := range []struct{ n, window int }{{1000, 2}, {200, 0}} {
			init, u := s.Draw(task.RNG(10, task.StreamTest, 0), c.n)
			xs := s.Sequence(init, u, c.n)
			out := s.Rollout(s.Reference, xs, c.window)
			if len(out) != len(xs) {
				t.Fatalf("%s: roll-out has %d rows, want %d", s.Name, len(out), len(xs))
			}
			for tt := range xs {
				for ch := range xs[tt] {
					if !near(out[tt][ch], xs[tt][ch], 1e-8) {
						t.Fatalf("%s n=%d window=%d t=%d: roll-out %v, simulation %v", s.Name, c.n, c.window, tt, out[tt], xs[tt])
					}
				}
			}
		}
	}
}

// TestRolloutUsesPredictions: a predictor with a slightly wrong constant drifts away from the
// truth over a roll-out, and the first two rows and the input channels are kept.
func TestRolloutUsesPredictions(t *testing.T) {
	s := DrivenSpring()
	wrong := DrivenSpring()
	wrong.Accel = func(a, p, _, u []float64) { a[0] = -1.01*springK*p[0] + u[0] }
	xs := s.Generate(task.RNG(11, task.StreamTest, 0), 1000)
	out := s.Rollout(wrong.Reference, xs, 2)
	for tt := range 2 {
		if out[tt][0] != xs[tt][0] {
			t.Errorf("row %d changed", tt)
		}
	}
	worst := 0.0
	for tt := range xs {
		if out[tt][1] != xs[tt][1] {
			t.Fatalf("row %d: input F changed", tt)
		}
		worst = max(worst, math.Abs(out[tt][0]-xs[tt][0]))
	}
	if worst < 0.1 {
		t.Errorf("a 1%% error in k moved the roll-out by only %v over 1,000 steps", worst)
	}
}

// TestEvalAlong: invariants measured on observations (velocity as backward difference) agree
// with the simulator's states, so roll-outs can be checked for energy drift.
func TestEvalAlong(t *testing.T) {
	for _, s := range Systems() {
		init, u := s.Draw(task.RNG(12, task.StreamTest, 0), 50)
		states := s.Simulate(init, u, 49)
		xs := s.Sequence(init, u, 50)
		if got := s.States(xs); len(got) != 49 {
			t.Fatalf("%s: States gave %d states for 50 rows", s.Name, len(got))
		}
		for _, inv := range s.Invariants {
			vals := s.EvalAlong(inv, xs)
			for i, v := range vals {
				var ui []float64
				if u != nil {
					ui = u[i+1]
				}
				if want := inv.Eval(states[i+1], ui); !near(v, want, 1e-10) {
					t.Fatalf("%s %s at t=%d: %v from observations, %v from the state", s.Name, inv.Name, i+1, v, want)
				}
			}
		}
	}
}

func TestSimulateKeepsInit(t *testing.T) {
	s := Spring()
	init := State{P: []float64{1}, V: []float64{0}}
	st := s.Simulate(init, nil, 10)
	if init.P[0] != 1 || init.V[0] != 0 || len(st) != 11 || st[0].P[0] != 1 {
		t.Errorf("Simulate modified its initial state or returned %d states", len(st))
	}
	st[0].P[0] = 5
	if st[1].P[0] == 5 || init.P[0] == 5 {
		t.Error("states alias each other")
	}
	if got := s.Sequence(init, nil, 0); len(got) != 0 {
		t.Errorf("Sequence of length 0 has %d rows", len(got))
	}
}

func TestSymplecticEulerUnchanged(t *testing.T) {
	// The integer Newton tasks rely on "v += a; p += v" with dt = 1.
	p, v, a := []float64{1, 2}, []float64{3, -1}, []float64{-2, 5}
	SymplecticEuler(p, v, a, 1)
	if p[0] != 2 || p[1] != 6 || v[0] != 1 || v[1] != 4 {
		t.Errorf("SymplecticEuler gave p=%v v=%v", p, v)
	}
}
