package dt

import (
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// An autoregressive model's learned heads look at earlier positions only (the outputs read back
// are the targets at t while training): no map, soft or hard, puts weight on j >= t, and at
// t = 0 every row is the null option's zero row.
func TestLearnedAutoregressiveLooksBack(t *testing.T) {
	r, err := Train(TrainOptions{Task: mustTask("newton_spring"), Seed: 3, Settings: "steps=20;batch_size=16;eval_size=32;" +
		"autoregressive=true;families=learned;heads=3;mlps=1;arity=4;max_offset=2;give_up=0;learned_init=1"})
	if err != nil {
		t.Fatal(err)
	}
	b := r.Task.Draw(r.Seed, task.StreamTest, 4, 12, 0)
	for _, mode := range []Mode{Hard, Expected} {
		p, err := r.Predict(b.Xs, mode, true)
		if err != nil {
			t.Fatal(err)
		}
		some := 0.0
		for _, seq := range p.Attention[0] {
			for h, m := range seq {
				for tt, row := range m {
					for j, w := range row {
						some += w
						if j >= tt && w != 0 {
							t.Fatalf("mode %v: head %d at t=%d puts weight %g on j=%d", mode, h, tt, w, j)
						}
					}
				}
			}
		}
		if some == 0 {
			t.Fatalf("mode %v: every map is empty: the test checks nothing", mode)
		}
	}
}

// The learned heads of an autoregressive model start leaning to their lags (lag_lean), as the
// pointer heads' offsets do (lagPrior): at step 0, with no noise, head h's map at t = 5 weighs
// its lag's position most (newton_spring, 3 heads: p[t-1], p[t-2], F[t-1]).
func TestLearnedLagLean(t *testing.T) {
	r, err := Train(TrainOptions{Task: mustTask("newton_spring"), Seed: 3, Settings: "steps=1;learning_rate=1e-9;batch_size=16;eval_size=32;" +
		"autoregressive=true;families=learned;heads=3;mlps=1;arity=4;max_offset=2;give_up=0;learned_init=0;lag_lean=2"})
	if err != nil {
		t.Fatal(err)
	}
	b := r.Task.Draw(r.Seed, task.StreamTest, 1, 8, 0)
	p, err := r.Predict(b.Xs, Expected, true)
	if err != nil {
		t.Fatal(err)
	}
	for h, want := range []int{4, 3, 4} { // t-1, t-2, t-1 at t = 5
		row := p.Attention[0][0][h][5]
		best := 0
		for j := range row {
			if row[j] > row[best] {
				best = j
			}
		}
		if best != want {
			t.Errorf("head %d at t=5 weighs j=%d most (%v), want j=%d", h, best, row, want)
		}
	}
}

// An autoregressive model's learned heads never key on an output read back: at t that slot
// holds the target while training, and a map comparing keys with the key at t would choose j by
// y[t]. Checked two ways, over several seeds with large random key logits (before keySlot, about
// half the heads keyed on the output): the hard structure's keys, and the maps at rows t <= t0,
// which must not move when the outputs read back change at t0 only.
func TestLearnedAutoregressiveKeysNotOutputs(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		r, err := Train(TrainOptions{Task: mustTask("newton_spring"), Seed: seed, Settings: "steps=20;batch_size=16;eval_size=32;" +
			"autoregressive=true;families=learned;heads=4;mlps=1;arity=4;max_offset=2;give_up=0;logit_init_std=3;learned_init=1"})
		if err != nil {
			t.Fatal(err)
		}
		st, err := r.Structure()
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range st.Heads {
			if _, fb := r.Model.IsFeedback(h.Key); fb {
				t.Errorf("seed %d: head %d keys on the output slot %d", seed, h.Index, h.Key)
			}
		}
		b := r.Task.Draw(r.Seed, task.StreamTest, 8, 10, 0)
		const t0 = 5
		other := make([][][]float64, len(b.Ys))
		for n := range b.Ys {
			other[n] = make([][]float64, len(b.Ys[n]))
			for tt := range b.Ys[n] {
				other[n][tt] = append([]float64(nil), b.Ys[n][tt]...)
			}
			other[n][t0][0] += 1000
		}
		p1, err := r.PredictForced(b.Xs, b.Ys, Hard, true)
		if err != nil {
			t.Fatal(err)
		}
		p2, err := r.PredictForced(b.Xs, other, Hard, true)
		if err != nil {
			t.Fatal(err)
		}
		for n := range p1.Attention[0] {
			for h := range p1.Attention[0][n] {
				for tt := 0; tt <= t0; tt++ {
					for j, w := range p1.Attention[0][n][h][tt] {
						if w != p2.Attention[0][n][h][tt][j] {
							t.Fatalf("seed %d: head %d's map at t=%d moved when the output at t=%d changed", seed, h, tt, t0)
						}
					}
				}
			}
		}
	}
}
