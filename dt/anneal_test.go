package dt

import (
	"math"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
)

// testContext returns a context with the default hyperparameters and the settings applied.
func testContext(t *testing.T, settings string) *context.Context {
	t.Helper()
	ctx := NewContext()
	if err := ApplySettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// TestTauSchedules checks hand-computed temperatures of every schedule (steps=1000,
// anneal_fraction=0.5: annealing ends at step 500).
func TestTauSchedules(t *testing.T) {
	base := "steps=1000;anneal_fraction=0.5;tau_init=2;tau_end=0.02;schedule="
	cases := []struct {
		schedule string
		step     int
		want     float64
	}{
		{"geometric", 0, 2}, {"geometric", 250, 0.2}, {"geometric", 500, 0.02}, {"geometric", 900, 0.02},
		{"linear", 0, 2}, {"linear", 250, 1.01}, {"linear", 500, 0.02}, {"linear", 1000, 0.02},
		{"cosine", 0, 2}, {"cosine", 250, 1.01}, {"cosine", 125, 0.02 + 1.98*(1+math.Sqrt2/2)/2}, {"cosine", 600, 0.02},
		{"constant", 0, 2}, {"constant", 800, 2},
	}
	for _, c := range cases {
		ctx := testContext(t, base+c.schedule)
		if got := TauAt(ctx, c.step); math.Abs(got-c.want) > 1e-9*c.want+1e-12 {
			t.Errorf("%s at step %d: tau = %v, want %v", c.schedule, c.step, got, c.want)
		}
	}
}

// TestTauGraphMatchesGo checks that the in-graph schedule (used for training) computes the same
// values as the Go one (used for metrics and figures).
func TestTauGraphMatchesGo(t *testing.T) {
	backend, err := NewBackend()
	if err != nil {
		t.Fatal(err)
	}
	for _, schedule := range Schedules {
		ctx := testContext(t, "steps=400;schedule="+schedule)
		exec := MustNewExec(backend, func(step *Node) []*Node {
			return []*Node{TauGraph(ctx, step), LearningRateGraph(ctx, step)}
		})
		for _, step := range []int{0, 1, 57, 239, 240, 299, 300, 350, 399} {
			out := exec.MustExec(tensors.FromScalar(int64(step)))
			tau, lr := float64(tensors.ToScalar[float32](out[0])), float64(tensors.ToScalar[float32](out[1]))
			if want := TauAt(ctx, step); math.Abs(tau-want) > 1e-5*want {
				t.Errorf("%s step %d: graph tau %v, Go tau %v", schedule, step, tau, want)
			}
			if want := LearningRateAt(ctx, step); math.Abs(lr-want) > 1e-5*want {
				t.Errorf("%s step %d: graph lr %v, Go lr %v", schedule, step, lr, want)
			}
		}
	}
}

// TestLearningRateSchedule: constant until the hard phase, then a cosine down to lr*lr_decay.
func TestLearningRateSchedule(t *testing.T) {
	ctx := testContext(t, "steps=1000;hard_fraction=0.2;learning_rate=0.01;lr_decay=0.01")
	for step, want := range map[int]float64{0: 0.01, 799: 0.01, 800: 0.01, 900: 0.00505, 1000: 0.0001} {
		if got := LearningRateAt(ctx, step); math.Abs(got-want) > 1e-12 {
			t.Errorf("step %d: lr = %v, want %v", step, got, want)
		}
	}
}
