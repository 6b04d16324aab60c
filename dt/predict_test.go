package dt

import (
	"slices"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// TestPredictChunks: a sequence's outputs are the same bit for bit whatever the size of the
// chunk it runs in (predictChunk): alone, among a few, or in a whole chunk of 2,000, for a
// default model, a periodic one and a free-running autoregressive one.
func TestPredictChunks(t *testing.T) {
	for _, c := range []struct{ task, settings string }{
		{"sum_last2", ""},
		{"add_mod_4", "families=sum;periodic=true"},
		{"binary_addition", "autoregressive=true;families=previous;heads=3;mlps=1;arity=4;max_offset=2"},
	} {
		r, _, _, _ := compiledTrainStep(t, c.task, 32, c.settings) // one step: the variables exist
		xs := r.Task.Draw(r.Seed, task.StreamTest, 0, 2100, r.Task.Length).Xs
		all, err := r.Predict(xs, Hard, false) // a chunk of 2,000, then one of 128
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range [][2]int{{0, 1}, {3, 40}, {1990, 2010}, {2050, 2100}} {
			p, err := r.Predict(xs[part[0]:part[1]], Hard, false)
			if err != nil {
				t.Fatal(err)
			}
			for i, y := range p.Y {
				for k, row := range y {
					if !slices.Equal(row, all.Y[part[0]+i][k]) {
						t.Fatalf("%s: sequence %d, position %d: %v alone, %v in the whole set", c.task, part[0]+i, k, row, all.Y[part[0]+i][k])
					}
				}
			}
		}
		if got := predictChunk(5, 10); got != 16 {
			t.Errorf("predictChunk(5, 10) = %d, want 16", got)
		}
		if got := predictChunk(3000, 10); got != 2000 {
			t.Errorf("predictChunk(3000, 10) = %d, want 2000", got)
		}
	}
}

// TestLeanMetrics: with metrics_soft=false a record leaves the soft loss and the attention
// rows' entropies out, and everything else (what the give-up checks read: the hard loss, the
// information floor, how settled the heads are; the choices' entropies) is the same bit for
// bit as the full record's, on models of every kind of head, after a few training steps.
func TestLeanMetrics(t *testing.T) {
	for _, c := range []struct {
		task, settings string
		floor          bool // the record has a floor and settled heads to compare
	}{
		{"sum_last2", "", true},
		{"max_last3", "families=previous,first,mean,argmax,argmin", true},
		{"add_mod_4", "families=sum;periodic=true", true},
		{"evens_counter", "layers=2;heads=1;families=sum;periodic=true", false},
		{"binary_addition", "autoregressive=true;families=previous;heads=3;mlps=1;arity=4;max_offset=2", true},
		{"sum_last2", "families=learned;heads=1;mlps=1", false},
	} {
		r, exec, x, y := compiledTrainStep(t, c.task, 32, c.settings)
		for range 30 {
			if _, err := exec.Exec(x, y); err != nil {
				t.Fatal(err)
			}
		}
		full, err := newRecorder(r).record(31, 0, "soft", 0)
		if err != nil {
			t.Fatal(err)
		}
		ParamMetricsSoft.Set(r.Ctx, false)
		lean, err := newRecorder(r).record(31, 0, "soft", 0)
		if err != nil {
			t.Fatal(err)
		}
		if lean.LossSoft != 0 || full.LossSoft == 0 {
			t.Errorf("%s %q: soft loss %g lean, %g full", c.task, c.settings, lean.LossSoft, full.LossSoft)
		}
		for name, e := range full.Entropy {
			if got, ok := lean.Entropy[name]; strings.HasSuffix(name, "/rows") == ok || ok && got != e {
				t.Errorf("%s %q: entropy %s: %g (recorded %v) lean, %g full", c.task, c.settings, name, got, ok, e)
			}
		}
		same := func(a, b *float64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }
		if lean.LossHard != full.LossHard || lean.ExactHard != full.ExactHard || lean.MeanEntropy != full.MeanEntropy ||
			!same(lean.InfoFloor, full.InfoFloor) || !same(lean.HeadsSettled, full.HeadsSettled) || lean.heads != full.heads {
			t.Errorf("%s %q: lean record %+v, full %+v", c.task, c.settings, lean, full)
		}
		if c.floor && (full.HeadsSettled == nil || full.InfoFloor == nil) {
			t.Errorf("%s %q: no heads' weights to compare", c.task, c.settings)
		}
	}
}

// TestLeanReport: with metrics_soft=false the final report leaves the soft model's figures out
// and its hard figures are the same.
func TestLeanReport(t *testing.T) {
	r, _, _, _ := compiledTrainStep(t, "sum_last2", 32, "eval_size=500")
	full, err := r.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	ParamMetricsSoft.Set(r.Ctx, false)
	lean, err := r.Evaluate()
	if err != nil {
		t.Fatal(err)
	}
	if full.SoftMSE == 0 || lean.SoftMSE != 0 || lean.SoftPositionAccuracy != 0 {
		t.Errorf("soft MSE %g full, %g lean; soft accuracy lean %g", full.SoftMSE, lean.SoftMSE, lean.SoftPositionAccuracy)
	}
	if lean.HardMSE != full.HardMSE || lean.HardSequenceAccuracy != full.HardSequenceAccuracy || lean.HardPositionAccuracy != full.HardPositionAccuracy {
		t.Errorf("hard figures differ: lean %+v, full %+v", lean, full)
	}
}

// TestPredictEnumerated: the outputs PredictEnumerated gives for every sequence equal Predict's
// bit for bit, for a free-running autoregressive model (computed from its prefixes) and for one
// that is not, after some training (binary_addition at length 6: 4,096 sequences).
func TestPredictEnumerated(t *testing.T) {
	for _, settings := range []string{
		"autoregressive=true;families=previous;heads=4;mlps=2;arity=5;max_offset=2",
		"",
	} {
		r, exec, x, y := compiledTrainStep(t, "binary_addition", 32, settings)
		for range 40 {
			if _, err := exec.Exec(x, y); err != nil {
				t.Fatal(err)
			}
		}
		seen := 0
		err := r.PredictEnumerated(6, 1000, func(xs, model [][][]float64) error {
			want, err := r.Predict(xs, Hard, false)
			if err != nil {
				return err
			}
			for i := range xs {
				for p := range xs[i] {
					if !slices.Equal(model[i][p], want.Y[i][p]) {
						t.Fatalf("%q: sequence %d (%v), position %d: %v, Predict %v", settings, seen+i, xs[i], p, model[i][p], want.Y[i][p])
					}
				}
			}
			seen += len(xs)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if seen != 4096 {
			t.Errorf("%q: %d sequences, want 4,096", settings, seen)
		}
	}
}
