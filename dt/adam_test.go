package dt

import (
	"slices"
	"strings"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:staticcheck
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"github.com/gomlx/gomlx/pkg/ml/context"
	"github.com/gomlx/gomlx/pkg/ml/train/optimizers"
)

// TestFusedAdam: training with Adam on one vector (adam.go) gives the same variables, bit for
// bit, as with GoMLX's Adam, through the soft phase and the hard phase that freezes the
// choices, on models of several kinds.
func TestFusedAdam(t *testing.T) {
	gomlxAdam := func(ctx *context.Context, loss *Node) {
		optimizers.Adam().LearningRate(ParamLearningRate.Get(ctx)).Done().UpdateGraph(ctx, loss.Graph(), loss)
	}
	for _, c := range []struct{ task, settings string }{
		{"sum_last2", ""},
		{"add_mod_4", "families=sum;periodic=true"},
		{"evens_counter", "layers=2;heads=1;families=sum;periodic=true"},
		{"binary_addition", "autoregressive=true;families=previous;heads=3;mlps=1;arity=4;max_offset=2"},
		{"sum_last2", "families=learned;heads=1;mlps=1"},
	} {
		train := func() map[string][]float32 {
			r, err := Train(TrainOptions{Task: mustTask(c.task), Seed: 3, Settings: "steps=120;batch_size=16;metrics_every=40;" + c.settings})
			if err != nil {
				t.Fatal(err)
			}
			vars := map[string][]float32{}
			for v := range r.Ctx.IterVariables() {
				name := v.ScopeAndName()
				if strings.Contains(name, optimizers.AdamDefaultScope) || strings.HasPrefix(name, adamScope) || !v.HasValue() {
					continue // the moments, kept differently
				}
				if val, err := v.Value(); err == nil && val.DType().IsFloat() {
					vars[name] = tensors.MustCopyFlatData[float32](val)
				}
			}
			return vars
		}
		fused := train()
		optimizerUpdate = gomlxAdam
		reference := train()
		optimizerUpdate = adamUpdate
		if len(fused) != len(reference) || len(fused) < 4 {
			t.Fatalf("%s %q: %d variables fused, %d with GoMLX's Adam", c.task, c.settings, len(fused), len(reference))
		}
		for name, want := range reference {
			if !slices.Equal(fused[name], want) {
				t.Errorf("%s %q: variable %s differs after training (fused %v..., GoMLX %v...)", c.task, c.settings, name, fused[name][:1], want[:1])
			}
		}
	}
}
