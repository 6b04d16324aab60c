package physics

import (
	"math"
	"slices"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

func TestTasksOrderAndFields(t *testing.T) {
	want := []string{"free_fall", "spring", "damped_spring", "driven_spring", "spring_k", "pendulum",
		"projectile_drag", "magnetic", "kepler", "duffing", "double_well", "van_der_pol", "driven_pendulum", "coupled_springs"}
	var got []string
	for _, tk := range Tasks() {
		got = append(got, tk.Name)
		if err := tk.Validate(); err != nil {
			t.Error(err)
		}
		if tk.Group != "physics" || tk.Integer || tk.Warmup != 1 || tk.Length != TrainLength || tk.Description == "" {
			t.Errorf("%s: group %q integer %v warmup %d length %d", tk.Name, tk.Group, tk.Integer, tk.Warmup, tk.Length)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("Tasks() = %v, want %v", got, want)
	}
	for _, name := range want {
		if s := Find(name); s == nil || s.Name != name {
			t.Errorf("Find(%q) = %v", name, s)
		}
	}
	if Find("nope") != nil {
		t.Error("Find of an unknown name should be nil")
	}
}

func TestSystemsDescribed(t *testing.T) {
	for _, s := range Systems() {
		if s.Dim < 1 || len(s.InputNames) < s.Dim || len(s.OutputNames) != s.Dim || s.DT != DT ||
			s.Law == "" || s.Units == "" || s.Ranges == "" || len(s.Coefficients) == 0 || len(s.Invariants) == 0 {
			t.Errorf("%s is incompletely described: %+v", s.Name, s)
		}
		for i, name := range s.OutputNames {
			if name != "next_"+s.InputNames[i] {
				t.Errorf("%s: output %d is %q, want next_%s", s.Name, i, name, s.InputNames[i])
			}
		}
		for _, c := range s.Constants {
			if s.Constant(c.Name) != c.Value || c.Unit == "" || c.Doc == "" {
				t.Errorf("%s: constant %+v", s.Name, c)
			}
		}
		for _, c := range s.Coefficients {
			if !slices.Contains(s.OutputNames, c.Output) || c.Formula == "" || RelativeError(c.Value, c.Value) != 0 {
				t.Errorf("%s: coefficient %+v", s.Name, c)
			}
		}
	}
	if got := Spring().Coefficients[0]; got.Name() != "next_x:x[t]" || math.Abs(got.Value-1.96) > 1e-15 {
		t.Errorf("spring's first coefficient is %s = %v, want next_x:x[t] = 1.96", got.Name(), got.Value)
	}
	if math.Abs(RelativeError(1.98, 2)-0.01) > 1e-15 || RelativeError(0.5, 0) != 0.5 {
		t.Errorf("RelativeError(1.98, 2) = %v", RelativeError(1.98, 2))
	}
}

// terms evaluates the observables that coefficients multiply, at position t ≥ 1.
var terms = map[string]func(cur, prev []float64) float64{
	"1":                    func(_, _ []float64) float64 { return 1 },
	"x[t]":                 func(c, _ []float64) float64 { return c[0] },
	"x[t−1]":               func(_, p []float64) float64 { return p[0] },
	"y[t]":                 func(c, _ []float64) float64 { return c[1] },
	"y[t−1]":               func(_, p []float64) float64 { return p[1] },
	"theta[t]":             func(c, _ []float64) float64 { return c[0] },
	"theta[t−1]":           func(_, p []float64) float64 { return p[0] },
	"sin(theta[t])":        func(c, _ []float64) float64 { return math.Sin(c[0]) },
	"F[t]":                 func(c, _ []float64) float64 { return c[1] },
	"k[t]·x[t]":            func(c, _ []float64) float64 { return c[1] * c[0] },
	"x[t]/|(x[t], y[t])|³": func(c, _ []float64) float64 { return c[0] / math.Pow(math.Hypot(c[0], c[1]), 3) },
	"y[t]/|(x[t], y[t])|³": func(c, _ []float64) float64 { return c[1] / math.Pow(math.Hypot(c[0], c[1]), 3) },
	"x[t]³":                func(c, _ []float64) float64 { return c[0] * c[0] * c[0] },
	"x[t]²·x[t−1]":         func(c, p []float64) float64 { return c[0] * c[0] * p[0] },
	"x1[t]":                func(c, _ []float64) float64 { return c[0] },
	"x1[t−1]":              func(_, p []float64) float64 { return p[0] },
	"x2[t]":                func(c, _ []float64) float64 { return c[1] },
	"x2[t−1]":              func(_, p []float64) float64 { return p[1] },
}

// TestCoefficientsAreTheLaw: the listed coefficients, times their terms, summed per output,
// reproduce the reference, so they are the complete true law in observables.
func TestCoefficientsAreTheLaw(t *testing.T) {
	for _, s := range Systems() {
		xs := s.Generate(task.RNG(3, task.StreamTest, 0), 5*TrainLength)
		ys := s.Reference(xs)
		for i := 1; i < len(xs); i++ {
			for k, out := range s.OutputNames {
				sum := 0.0
				for _, c := range s.Coefficients {
					if c.Output != out {
						continue
					}
					f, ok := terms[c.Term]
					if !ok {
						t.Fatalf("%s: unknown term %q", s.Name, c.Term)
					}
					sum += c.Value * f(xs[i], xs[i-1])
				}
				if !near(sum, ys[i][k], 1e-12) {
					t.Fatalf("%s position %d: coefficients give %s = %v, reference %v", s.Name, i, out, sum, ys[i][k])
				}
			}
		}
	}
}

// TestReferenceIsNextObservation: at lengths 20 and 100 (training and verification), the
// reference at every scored position is the simulator's next position, including the last one,
// which the reference predicts beyond the observations.
func TestReferenceIsNextObservation(t *testing.T) {
	for _, s := range Systems() {
		for _, n := range []int{TrainLength, 5 * TrainLength} {
			for i := range 20 {
				init, u := s.Draw(task.RNG(4, task.StreamTest, int64(i)), n)
				states := s.Simulate(init, u, n) // n+1 states: one more than observed
				xs := s.Sequence(init, u, n)
				ys := s.Reference(xs)
				if len(ys) != n {
					t.Fatalf("%s: reference returned %d positions for %d", s.Name, len(ys), n)
				}
				for tt := Warmup; tt < n; tt++ {
					for d := range s.Dim {
						if !near(ys[tt][d], states[tt+1].P[d], 1e-11) {
							t.Fatalf("%s n=%d seq %d t=%d: reference %v, simulation %v", s.Name, n, i, tt, ys[tt], states[tt+1].P)
						}
					}
				}
				// The generator gives the same sequences: one longer has the targets as its next rows.
				longer := s.Generate(task.RNG(4, task.StreamTest, int64(i)), n+1)
				for tt := Warmup; tt < n; tt++ {
					for d := range s.Dim {
						if !near(ys[tt][d], longer[tt+1][d], 1e-11) {
							t.Fatalf("%s n=%d seq %d t=%d: reference %v, next observation %v", s.Name, n, i, tt, ys[tt], longer[tt+1])
						}
					}
				}
			}
		}
	}
}

// TestWarmup: the target at t = 0 cannot be known (it needs v[0]), so it is not scored; the
// reference gives the zero-velocity law there, finite, and it differs from the truth.
func TestWarmup(t *testing.T) {
	for _, s := range Systems() {
		if s.Task().Warmup != 1 {
			t.Errorf("%s: warmup %d", s.Name, s.Task().Warmup)
		}
		differs := false
		for i := range 10 {
			xs := s.Generate(task.RNG(5, task.StreamTest, int64(i)), 3)
			ys := s.Reference(xs)
			zero := make([]float64, s.Dim)
			a := make([]float64, s.Dim)
			var u []float64
			if s.NumInputs() > 0 {
				u = xs[0][s.Dim:]
			}
			s.Accel(a, xs[0][:s.Dim], zero, u)
			for d := range s.Dim {
				want := xs[0][d] + s.DT*s.DT*a[d]
				if !near(ys[0][d], want, 1e-12) {
					t.Errorf("%s: reference at t=0 is %v, want the zero-velocity law %v", s.Name, ys[0][d], want)
				}
				if !near(ys[0][d], xs[1][d], 1e-6) {
					differs = true
				}
			}
		}
		if !differs {
			t.Errorf("%s: the t=0 reference always matches the truth; warmup would not be needed", s.Name)
		}
		// Any length, including the degenerate ones.
		if got := s.Reference(nil); len(got) != 0 {
			t.Errorf("%s: reference of an empty sequence has %d rows", s.Name, len(got))
		}
		if got := s.Reference(s.Generate(task.RNG(5, 0, 0), 1)); len(got) != 1 {
			t.Errorf("%s: reference of a 1-row sequence has %d rows", s.Name, len(got))
		}
	}
}

// TestReferenceIsCausal: the reference at t depends only on rows up to t (no peeking ahead).
func TestReferenceIsCausal(t *testing.T) {
	for _, s := range Systems() {
		xs := s.Generate(task.RNG(6, task.StreamTest, 0), TrainLength)
		ys := s.Reference(xs)
		cut := TrainLength / 2
		changed := s.Generate(task.RNG(6, task.StreamTest, 1), TrainLength)
		mixed := append(append([][]float64{}, xs[:cut+1]...), changed[cut+1:]...)
		ys2 := s.Reference(mixed)
		for tt := 0; tt <= cut; tt++ {
			if !slices.Equal(ys[tt], ys2[tt]) {
				t.Errorf("%s: reference at %d changed when later rows changed", s.Name, tt)
			}
		}
	}
}

func TestGeneratorDeterministic(t *testing.T) {
	for _, s := range Systems() {
		a := s.Generate(task.RNG(8, task.StreamTrain, 3), 5*TrainLength)
		b := s.Generate(task.RNG(8, task.StreamTrain, 3), 5*TrainLength)
		c := s.Generate(task.RNG(8, task.StreamTrain, 4), 5*TrainLength)
		short := s.Generate(task.RNG(8, task.StreamTrain, 3), TrainLength)
		if !slices.EqualFunc(a, b, slices.Equal) {
			t.Errorf("%s: same seed gave different sequences", s.Name)
		}
		if slices.EqualFunc(a, c, slices.Equal) {
			t.Errorf("%s: different seeds gave the same sequence", s.Name)
		}
		if !slices.EqualFunc(short, a[:TrainLength], slices.Equal) {
			t.Errorf("%s: a shorter sequence from the same seed is not a prefix", s.Name)
		}
	}
}

// TestBoundedOverFiveLengths: values stay finite, well-scaled and within the documented ranges
// over five times the training length, for many sequences.
func TestBoundedOverFiveLengths(t *testing.T) {
	// Largest |position| allowed over 100 steps; free fall and the projectile move the most.
	bound := map[string]float64{
		"free_fall": 35, "spring": 5, "damped_spring": 5, "driven_spring": 8, "spring_k": 5,
		"pendulum": 2.5, "projectile_drag": 20, "magnetic": 15, "kepler": 6,
		"duffing": 2.3, "double_well": 2.1, "van_der_pol": 3, "driven_pendulum": 2.5, "coupled_springs": 5,
	}
	// Largest |input| allowed in the external channels.
	inBound := map[string]float64{"driven_spring": 4, "spring_k": 9, "driven_pendulum": 2}
	for _, s := range Systems() {
		biggest := 0.0
		for i := range 500 {
			xs := s.Generate(task.RNG(9, task.StreamEval, int64(i)), 5*TrainLength)
			for tt, x := range xs {
				for c, v := range x {
					switch {
					case math.IsNaN(v) || math.IsInf(v, 0):
						t.Fatalf("%s seq %d t=%d: non-finite value", s.Name, i, tt)
					case c < s.Dim:
						biggest = max(biggest, math.Abs(v))
					case math.Abs(v) > inBound[s.Name]:
						t.Fatalf("%s seq %d t=%d: input %s = %v out of range", s.Name, i, tt, s.InputNames[c], v)
					case s.Name == "spring_k" && (v < 1 || v != xs[0][c]):
						t.Fatalf("spring_k seq %d t=%d: k = %v not a constant in [1, 9)", i, tt, v)
					}
				}
			}
		}
		if biggest > bound[s.Name] || biggest < 1 {
			t.Errorf("%s: largest |position| over 100 steps is %v, want in [1, %v]", s.Name, biggest, bound[s.Name])
		}
	}
}
