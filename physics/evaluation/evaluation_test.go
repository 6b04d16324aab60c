package evaluation

import (
	"math"
	"testing"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/registry"
)

// TestSpringLawEndToEnd trains a model of the harmonic oscillator, extracts its law and checks
// the recovered constants against the true ones (2 − dt²·k = 1.96 and −1), both after the refit
// and as the weights give them, the one-step error and a 1,000-step roll-out in which the
// program stays on the simulated trajectory.
func TestSpringLawEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	tk, err := registry.Lookup("spring")
	if err != nil {
		t.Fatal(err)
	}
	r, err := dt.Train(dt.TrainOptions{Task: tk, Seed: 1, Settings: "steps=1000"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := extraction.Extract(r, extraction.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("not verified: %s\n%s", res.Failure, res.Code)
	}
	ev, err := Evaluate(r, res, Options{Rollouts: 2})
	if err != nil {
		t.Fatal(err)
	}
	if ev.MaxConstantError > 1e-4 || len(ev.ExtraTerms) > 0 {
		t.Errorf("constants %+v, extra terms %v", ev.Constants, ev.ExtraTerms)
	}
	// The weights' constants are measured on the model (float32: close, not exact).
	if ev.WeightsError != "" || len(ev.RecoveredWeights) != 1 || ev.MaxWeightsConstantError > 1e-4 {
		t.Errorf("weights' constants: %v (max error %g, %s)", ev.RecoveredWeights, ev.MaxWeightsConstantError, ev.WeightsError)
	}
	for _, c := range ev.Constants {
		if c.Weights == nil || c.Weights.Missing {
			t.Errorf("%s: no weights' constant", c.Term)
		}
	}
	if ev.OneStepProgram > 1e-9 {
		t.Errorf("one-step relative MSE of the program %g > 1e-9", ev.OneStepProgram)
	}
	if ev.RolloutProgram > 1e-6 || math.IsNaN(ev.RolloutModel) {
		t.Errorf("roll-out errors: program %g, model %g", ev.RolloutProgram, ev.RolloutModel)
	}
}
