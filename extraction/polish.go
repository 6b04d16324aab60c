package extraction

import (
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/polish"
	"github.com/discretetransformer/w2c/extraction/program"
)

// PolishReport records the constant refinement of the assembled program.
type PolishReport struct {
	// Target is what the constants were fitted to: "hard model" (integer tasks: the model's
	// rounded outputs) or "reference" (real-valued tasks: the task's data, see polishConstants).
	Target string `json:"target"`
	// Stage is how far the polished program went: polished, snapped, refined, or input (the
	// assembled program was kept).
	Stage                 string            `json:"stage"`
	LossBefore, LossAfter float64           `json:"-"`
	MSEBefore             float64           `json:"mse_before"`
	MSEAfter              float64           `json:"mse_after"`
	Constants             []polish.Constant `json:"constants,omitempty"`
	// Uncertainty is, for a real-valued task read from a file (task.FromFile), each constant
	// of the polished program with its bootstrap standard error over the observed sequences
	// (see bootstrapResamples).
	Uncertainty []polish.Spread `json:"uncertainty,omitempty"`
	Seconds     float64         `json:"seconds"`
}

// bootstrapResamples is the number of resamples behind a recorded task's constants' standard
// errors: 30 gives each error to about ±13% (the relative error of a standard deviation from n
// draws is 1/√(2(n−1))), enough to tell a constant from zero or from a round value.
const bootstrapResamples = 30

// polishConstants refines the constants of the assembled program (never its structure: its
// variables, operators and pointers), because formulas fitted one sub-MLP at a time compose
// slightly-off constants (0.8125·(a+b) − 32.33 read by 1.23·h + 40 is 0.999·(a+b) + 0.23).
//
// For integer tasks the constants are fitted to the hard model's outputs, rounded, on the
// observed sequences, and snapped to simple fractions when that reproduces them exactly: the
// program stays a reading of the model. For real-valued tasks they are fitted to the task's
// reference on the same sequences (the data the model was trained on): the model's float32
// sub-MLPs cannot carry constants to the 1e-6 relative precision of a physical law, the
// program's float64 arithmetic can. The report says which target was used, and verification
// always compares the result with both the reference and the model. So a physical law's
// printed constants come from the data, its terms from the weights; the assembled program is
// kept (Result.Assembled, Result.Weights) and the physics evaluation measures the constants the
// weights give on its terms, beside the refitted ones.
func polishConstants(r *dt.Run, obs *observation, prog *program.Program) (*program.Program, *PolishReport, error) {
	rep := &PolishReport{Target: "hard model"}
	targets := obs.pred.Y
	if r.Task.Integer {
		targets = rounded(targets)
	} else {
		rep.Target = "reference"
		targets = obs.batch.Ys
	}
	out, pr, err := polish.Program(prog, obs.batch.Xs, targets, polish.Options{
		Warmup: r.Task.Warmup, Integer: r.Task.Integer, Seed: uint64(r.Seed),
	})
	if err != nil {
		return nil, nil, err
	}
	rep.Stage, rep.MSEBefore, rep.MSEAfter, rep.Constants, rep.Seconds = pr.Stage, pr.LossBefore, pr.LossAfter, pr.Constants, pr.Seconds
	if r.Task.Data != nil && !r.Task.Integer {
		// Recorded data is noisy: a constant means little without its error.
		rep.Uncertainty, err = polish.Bootstrap(out, obs.batch.Xs, targets, r.Task.Warmup, bootstrapResamples, uint64(r.Seed))
		if err != nil {
			return nil, nil, err
		}
	}
	return out, rep, nil
}
