package dt

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// TestLagPriorOrder checks the lags an autoregressive model's heads start leaning to: the outputs
// at offsets 1, 2, …, then the inputs.
func TestLagPriorOrder(t *testing.T) {
	ctx := NewContext()
	ParamAutoregressive.Set(ctx, true)
	ParamMaxOffset.Set(ctx, 2)
	m := &Model{Ctx: ctx, Inputs: []string{"Fx", "Fy"}, Outputs: []string{"px", "py"}}
	names := append(append([]string{}, m.Inputs...), SlotPos, SlotOne, "px", "py")
	var got []string
	for h := 0; h < 6; h++ {
		s, k := m.lag(h)
		got = append(got, fmt.Sprintf("%s[t-%d]", names[s], k))
	}
	want := "px[t-1] py[t-1] px[t-2] py[t-2] Fx[t-1] Fy[t-1]"
	if strings.Join(got, " ") != want {
		t.Errorf("lags %v, want %s", got, want)
	}
	if k, ok := m.IsFeedback(4); !ok || k == 0 && names[4] != "px" {
		t.Errorf("slot 4 should be the output px read back")
	}
}

// TestAutoregressiveFixedPoint: the free-running outputs of an autoregressive model (T passes,
// each over a prefix one position longer, see autoregressive) are the recursion's: the model
// reading them back as teacher-forced outputs, in one pass over the whole sequence, gives them
// again at every position, in hard and in expected mode, with pointer heads over two lags and
// with learned heads. (Any position computed from outputs not yet exact would differ.)
func TestAutoregressiveFixedPoint(t *testing.T) {
	for _, set := range []string{
		"heads=2;mlps=1;arity=3;max_offset=2;families=previous",
		"heads=2;mlps=1;arity=3;max_offset=2;families=learned;learned_init=1",
	} {
		r, err := Train(TrainOptions{Task: mustTask("newton_spring"), Seed: 2,
			Settings: "steps=30;batch_size=16;eval_size=32;give_up=0;autoregressive=true;" + set})
		if err != nil {
			t.Fatal(err)
		}
		b := r.Task.Draw(r.Seed, task.StreamTest, 3, 20, 0)
		for _, mode := range []Mode{Hard, Expected} {
			free, err := r.Predict(b.Xs, mode, false)
			if err != nil {
				t.Fatal(err)
			}
			forced, err := r.PredictForced(b.Xs, free.Y, mode, false)
			if err != nil {
				t.Fatal(err)
			}
			for n := range free.Y {
				for p := range free.Y[n] {
					for k, v := range free.Y[n][p] {
						if w := forced.Y[n][p][k]; math.Abs(w-v) > 1e-4*(1+math.Abs(v)) {
							t.Fatalf("%s, mode %v, sequence %d position %d: free-running %g, reading it back %g", set, mode, n, p, v, w)
						}
					}
				}
			}
		}
	}
}
