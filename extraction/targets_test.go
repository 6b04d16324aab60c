package extraction

import (
	"math"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// TestSoleOutput checks which sub-MLPs may be fitted to targets: read by one output and by no
// kept module.
func TestSoleOutput(t *testing.T) {
	st := &dt.Structure{
		Heads:   []dt.Head{{Slot: 3, Value: 0, Family: dt.FamilyPrevious}, {Slot: 4, Value: 6, Family: dt.FamilyPrevious}},
		MLPs:    []dt.SubMLP{{Slot: 5, Inputs: []int{0, 3}}, {Slot: 6, Inputs: []int{5}}, {Slot: 7, Inputs: []int{0}}},
		Readout: []dt.Readout{{Slot: 6, A: 1}, {Slot: 7, A: 2}, {Slot: 7, A: 1}},
	}
	kept := map[int]bool{3: true, 5: true, 6: true, 7: true}
	if k, ok := soleOutput(st, kept, 6); !ok || k != 0 {
		t.Errorf("slot 6 (read by output 0; its only other reader, head slot 4, is dropped): got %d, %v", k, ok)
	}
	if _, ok := soleOutput(st, kept, 5); ok {
		t.Error("slot 5 is read by a sub-MLP and no output: it has no target")
	}
	if _, ok := soleOutput(st, kept, 7); ok {
		t.Error("slot 7 is read by two outputs: it has two targets")
	}
	kept[4] = true
	if _, ok := soleOutput(st, kept, 6); ok {
		t.Error("slot 6 is read by a kept head: its value is more than an output")
	}
}

// TestFitTargets fits the output sub-MLP of an almost-right mean_floor model: its inputs are
// right (x and the prefix mean) but its outputs are a staircase that is off on some steps, so
// no formula fits them, while the targets are floor(mean) exactly.
func TestFitTargets(t *testing.T) {
	tk, err := registry.Lookup("mean_floor")
	if err != nil {
		t.Fatal(err)
	}
	b := tk.Sample(task.RNG(1, task.StreamExtract, 0), 500, tk.Length)
	var xs, means, sloppy []float64
	for _, seq := range b.Xs {
		s := 0.0
		for ti, x := range seq {
			s += x[0]
			m := s / float64(ti+1)
			xs, means = append(xs, x[0]), append(means, m)
			sloppy = append(sloppy, 0.98*m-0.2*math.Sin(3*m)) // what a small ReLU network might write
		}
	}
	r := &dt.Run{Task: tk, Seed: 1}
	obs := &observation{batch: b}
	_, model, err := fitValues(r, "L0.mlp0", sloppy, [][]float64{xs, means}, []string{"x", "mean_x"}, false, Options{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	if model.Found {
		t.Fatalf("the sloppy outputs fit %s: the test needs outputs no formula fits", model.Formula)
	}
	m := &dt.SubMLP{Layer: 0, Index: 0}
	e, rep, ok, err := fitTargets(r, obs, m, 0, [][]float64{xs, means}, []string{"x", "mean_x"}, Options{}.withDefaults())
	if err != nil || !ok {
		t.Fatalf("fitTargets: %v, found %v (%s)", err, ok, rep.Formula)
	}
	if !rep.Targets || rep.Formula != "floor(mean_x)" || e == nil {
		t.Errorf("fitted %q (targets %v), want floor(mean_x) fitted to targets", rep.Formula, rep.Targets)
	}
}

// TestKneeIntermediate checks the opinions' rules on an intermediate sub-MLP of an integer task
// whose outputs are an indicator with a scale, an offset and noise that a small extra term
// partly explains: the loose rule (within 1e-3) takes the extra term, the knee (second opinion)
// and the step (third) only the indicator.
func TestKneeIntermediate(t *testing.T) {
	tk, err := registry.Lookup("count_above5")
	if err != nil {
		t.Fatal(err)
	}
	b := tk.Sample(task.RNG(3, task.StreamExtract, 0), 300, tk.Length)
	var xs, sums, out []float64
	for n, seq := range b.Xs {
		s := 0.0
		for ti, x := range seq {
			s += x[0]
			ind := 0.0
			if x[0] > 5 {
				ind = 1
			}
			noise := 0.25 * math.Sin(float64(7*n+13*ti)) // deterministic, uncorrelated with x
			xs, sums, out = append(xs, x[0]), append(sums, s), append(out, 12.3*ind-0.44+0.006*s+noise)
		}
	}
	r := &dt.Run{Task: tk, Seed: 1}
	cols, vars := [][]float64{xs, sums}, []string{"x", "sum_x"}
	opts := Options{}.withDefaults()
	_, loose, err := fitValues(r, "L0.mlp1", append([]float64{}, out...), cols, vars, true, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !loose.Loose || !strings.Contains(loose.Formula, "sum_x") {
		t.Errorf("loose rule: %q (loose %v); the test expects it to take the noise term", loose.Formula, loose.Loose)
	}
	opts.intermediates = kneeRule
	_, knee, err := fitValues(r, "L0.mlp1", append([]float64{}, out...), cols, vars, true, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !knee.Knee || strings.Contains(knee.Formula, "sum_x") || !strings.Contains(knee.Formula, "(x > 5)") {
		t.Errorf("knee rule: %q (knee %v), want a multiple of (x > 5) alone", knee.Formula, knee.Knee)
	}
	opts.intermediates = stepFirst
	_, step, err := fitValues(r, "L0.mlp1", append([]float64{}, out...), cols, vars, true, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !step.Step || step.Loose || strings.Contains(step.Formula, "sum_x") || !strings.Contains(step.Formula, "(x > 5)") {
		t.Errorf("step rule: %q (step %v, loose %v), want a multiple of (x > 5) alone", step.Formula, step.Step, step.Loose)
	}
}
