package dt

import (
	"math"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// TestSoftEqualsHardAtTinyTemperature: the soft model (softmax of every choice at temperature
// tau) becomes the hard model (argmax of every choice) as tau goes to 0, for every family of
// attention, distinct sub-MLP inputs and two layers.
func TestSoftEqualsHardAtTinyTemperature(t *testing.T) {
	checkSoftEqualsHard(t, "steps=40;batch_size=32;eval_size=64;layers=2;heads=2;mlps=2;arity=2;"+
		"families=previous,first,mean,sum,argmax,argmin,equal;logit_init_std=3;tau_end=1e-5;hard_fraction=0")
}

// TestLearnedSoftEqualsHard: the same for learned-score heads (learned.go), whose maps are a
// softmax of learnt scores at the temperature, and the argmax in hard mode. (Arity 1: with this
// seed and arity 2, two inputs of a sub-MLP wanted the same slot, and at tau = 1e-5 the relaxed
// distinct-input choice of the second (distinctWeights) underflowed to all zeros where the hard
// one takes the next slot; that limit of distinctWeights is not the heads'.)
func TestLearnedSoftEqualsHard(t *testing.T) {
	checkSoftEqualsHard(t, "steps=40;batch_size=32;eval_size=64;layers=2;heads=2;mlps=2;arity=2;"+
		"families=learned,previous;logit_init_std=3;tau_end=1e-5;hard_fraction=0;arity=1")
}

// checkSoftEqualsHard trains a small model with the settings and compares its soft and hard
// slots at the final temperature, and checks that they differ at tau = 1.
func checkSoftEqualsHard(t *testing.T, settings string) {
	t.Helper()
	r, err := Train(TrainOptions{Task: mustTask("sum_last2"), Seed: 7, Settings: settings})
	if err != nil {
		t.Fatal(err)
	}
	b := r.Task.Draw(r.Seed, task.StreamTest, 1, 50, 0)
	hard, err := r.Predict(b.Xs, Hard, true)
	if err != nil {
		t.Fatal(err)
	}
	soft, err := r.Predict(b.Xs, Expected, true)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	for n := range hard.Slots {
		for tt := range hard.Slots[n] {
			for s, h := range hard.Slots[n][tt] {
				worst = max(worst, math.Abs(h-soft.Slots[n][tt][s])/max(1, math.Abs(h)))
			}
		}
	}
	if worst > 1e-4 {
		t.Errorf("soft and hard slots differ by up to %g (relative) at tau = 1e-5", worst)
	}
	// And at a high temperature they must differ, or the test above proves nothing.
	ParamTauEnd.Set(r.Ctx, 1.0)
	r.execs = nil
	warm, err := r.Predict(b.Xs, Expected, false)
	if err != nil {
		t.Fatal(err)
	}
	if Score(r.Task, hard.Y, warm.Y).MSE < 1e-6 {
		t.Error("soft model at tau = 1 equals the hard model: the choices are not soft")
	}
}

// TestLearnedAutoregressiveSoftEqualsHard: the same for the learned heads of an autoregressive
// model, which look at earlier positions only and read the outputs back. (Arity 1 for the same
// reason as above: with arity 3 the maps agreed on every row and the sub-MLP's relaxed inputs
// did not.)
func TestLearnedAutoregressiveSoftEqualsHard(t *testing.T) {
	checkSoftEqualsHard(t, "steps=40;batch_size=32;eval_size=64;autoregressive=true;heads=2;mlps=1;arity=1;max_offset=2;"+
		"families=learned;logit_init_std=3;learned_init=1;tau_end=1e-5;hard_fraction=0")
}
