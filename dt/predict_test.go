package dt

import (
	"slices"
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
