// Package evaluation measures a program extracted from a model of a physical system against
// the system itself: the recovered law's constants against the true ones, the one-step error of
// the hard model and of the program, and roll-outs of both fed their own outputs for many steps
// (with the drift of the conserved quantities). It is what `w2c run` prints for a physics task
// and what `w2c bench -suite physics` tabulates.
//
// Every constant is reported two ways, each with its relative error to the true value. From
// the weights: the trained hard model's outputs on held-out sequences regressed by least
// squares on the terms of the program before the constant refit (whose formulas symbolic
// regression read off the sub-MLPs), so nothing is rounded or fitted to the simulator's data at
// this step, though training's last step did solve the output sub-MLPs' last layer by least
// squares on training sequences (dt/refit.go), in float32. After the refit: the final
// program's constants, fitted by least squares to the simulator's data and written as the
// shortest decimal within 1e-9 relative (extraction/polish); these are the printed law's.
package evaluation

import (
	"fmt"
	"math"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/task"
)

// File is the evaluation's file in a run folder.
const File = "physics.json"

// Options configure Evaluate.
type Options struct {
	// RolloutSteps is the length of the roll-outs (default 1000); Rollouts how many initial
	// conditions are rolled out (default 8).
	RolloutSteps, Rollouts int
}

// Result is the evaluation of one extracted program of a physical system.
type Result struct {
	System string `json:"system"`
	// TrueLaw is the system's law in physical terms; Program the recovered one (pseudo-code)
	// and Recovered its output expressions in the law's notation.
	TrueLaw   string   `json:"true_law"`
	Program   string   `json:"program"`
	Recovered []string `json:"recovered"`
	// RecoveredWeights is the same with the constants the weights give (see weightsLaw), on
	// the terms of WeightsTerms ("assembled program": the program before the constant refit;
	// "final program" for an older extraction.json without it); empty when they could not be
	// measured, WeightsError then saying why.
	RecoveredWeights []string `json:"recovered_weights,omitempty"`
	WeightsTerms     string   `json:"weights_terms,omitempty"`
	WeightsError     string   `json:"weights_error,omitempty"`
	// Constants compares every true coefficient of the one-step law with the recovered one
	// (after the refit) and the weights' one.
	Constants []Constant `json:"constants"`
	// MaxConstantError is the largest relative error of a recovered constant after the refit
	// (a missing term counts as recovered 0: error 1), TermMissing whether a term of the law is
	// missing; ExtraTerms are recovered terms the true law does not have.
	MaxConstantError float64  `json:"max_constant_error"`
	TermMissing      bool     `json:"term_missing,omitempty"`
	ExtraTerms       []string `json:"extra_terms,omitempty"`
	// MaxWeightsConstantError, WeightsTermMissing and WeightsExtraTerms are the same for the
	// weights' constants (meaningful only when RecoveredWeights is not empty).
	MaxWeightsConstantError float64  `json:"max_weights_constant_error,omitempty"`
	WeightsTermMissing      bool     `json:"weights_term_missing,omitempty"`
	WeightsExtraTerms       []string `json:"weights_extra_terms,omitempty"`
	// OneStepModel and OneStepProgram are the one-step MSEs against the simulator, over the
	// variance of the targets (from the extraction's verification).
	OneStepModel   float64 `json:"one_step_relative_mse_model"`
	OneStepProgram float64 `json:"one_step_relative_mse_program"`
	// RolloutModel and RolloutProgram are the relative errors at the end of the roll-outs (the
	// RMS distance to the simulated positions over the RMS of the positions), and the Drift
	// fields the relative drift of the first conserved quantity (0 when none is conserved).
	// A roll-out that diverges (an error that is not a number) is recorded as Diverged, −1.
	RolloutSteps     int     `json:"rollout_steps"`
	RolloutModel     float64 `json:"rollout_error_model"`
	RolloutProgram   float64 `json:"rollout_error_program"`
	DriftSimulator   float64 `json:"energy_drift_simulator"`
	DriftModel       float64 `json:"energy_drift_model"`
	DriftProgram     float64 `json:"energy_drift_program"`
	ConservedQuality string  `json:"conserved_quantity,omitempty"`
	// Trajectories are the first roll-out's first coordinate, for plots.
	Trajectories map[string][]float64 `json:"trajectories,omitempty"`
}

// Diverged stands for an error that is not a finite number (a roll-out that blew up), which
// JSON cannot hold.
const Diverged = -1.0

// finite replaces the errors that are not finite numbers by Diverged, so the result can be saved.
func (ev *Result) finite() {
	for _, f := range []*float64{&ev.MaxConstantError, &ev.MaxWeightsConstantError, &ev.OneStepModel, &ev.OneStepProgram, &ev.RolloutModel,
		&ev.RolloutProgram, &ev.DriftSimulator, &ev.DriftModel, &ev.DriftProgram} {
		if math.IsNaN(*f) || math.IsInf(*f, 0) {
			*f = Diverged
		}
	}
	for i := range ev.Constants {
		fs := []*float64{&ev.Constants[i].Recovered, &ev.Constants[i].RelativeError}
		if w := ev.Constants[i].Weights; w != nil {
			fs = append(fs, &w.Value, &w.RelativeError)
		}
		for _, f := range fs {
			if math.IsNaN(*f) || math.IsInf(*f, 0) {
				*f = Diverged
			}
		}
	}
	for k, xs := range ev.Trajectories {
		for i, x := range xs {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				ev.Trajectories[k] = xs[:i] // the plot stops where the roll-out blew up
				break
			}
		}
	}
}

// Constant is one coefficient of the one-step law: its true value, the final program's
// (Recovered: after the constant refit to the simulator's data) and the weights' (before it).
type Constant struct {
	Term          string  `json:"term"` // e.g. "next_x: x[t−1]"
	Formula       string  `json:"formula"`
	True          float64 `json:"true"`
	Recovered     float64 `json:"recovered"`
	RelativeError float64 `json:"relative_error"`
	Missing       bool    `json:"missing,omitempty"`
	// Weights is the coefficient the weights give (see weightsLaw); nil when it was not
	// measured (an evaluation written before it was).
	Weights *Estimate `json:"weights,omitempty"`
}

// Estimate is one reading of a coefficient: its value and relative error to the true value;
// Missing when the program has no such term (Value is then 0 and the error 1).
type Estimate struct {
	Value         float64 `json:"value"`
	RelativeError float64 `json:"relative_error"`
	Missing       bool    `json:"missing,omitempty"`
}

// Evaluate measures an extraction of a physics run against its system.
func Evaluate(r *dt.Run, res *extraction.Result, opts Options) (*Result, error) {
	sys := physics.Find(r.Task.Name)
	if sys == nil {
		return nil, fmt.Errorf("%s is not a physical system (w2c tasks -group physics lists them)", r.Task.Name)
	}
	if res.Program == nil {
		return nil, fmt.Errorf("no program to evaluate: %s", res.Failure)
	}
	if opts.RolloutSteps <= 0 {
		opts.RolloutSteps = 1000
	}
	if opts.Rollouts <= 0 {
		opts.Rollouts = 8
	}
	ev := &Result{System: sys.Name, TrueLaw: sys.Law, Program: res.Code, RolloutSteps: opts.RolloutSteps}
	// The weights' constants, on the terms of the program before the refit (of the final one
	// for an extraction.json that lacks it: the same terms, up to constants refitted to 0).
	terms := res.Weights
	ev.WeightsTerms = "assembled program"
	if terms == nil {
		terms, ev.WeightsTerms = res.Program, "final program"
	}
	fromWeights, err := weightsLaw(r, terms)
	if err != nil {
		ev.WeightsError = err.Error()
	}
	ev.compareConstants(sys, res.Program, fromWeights)
	for _, c := range res.Checks {
		if c.Against == "reference" && c.Length == r.Task.Length {
			ev.OneStepProgram = c.RelativeMSE
		}
		if c.Against == "hard model" {
			ev.OneStepModel = c.ModelRelativeMSE
		}
	}
	if err := ev.rollouts(r, sys, res.Program, opts); err != nil {
		return nil, err
	}
	ev.finite()
	return ev, nil
}

// rollouts rolls the program and the hard model out from several initial conditions.
func (ev *Result) rollouts(r *dt.Run, sys *physics.System, prog *program.Program, opts Options) error {
	compiled, err := prog.Compile()
	if err != nil {
		return err
	}
	rng := task.RNG(r.Seed, task.StreamVerify, 7)
	var truths, progs [][][]float64
	for i := 0; i < opts.Rollouts; i++ {
		truths = append(truths, sys.Generate(rng, opts.RolloutSteps+1))
	}
	for _, xs := range truths {
		progs = append(progs, sys.Rollout(func(h [][]float64) [][]float64 {
			ys, err := compiled.Run(h)
			if err != nil {
				panic(err) // the program ran on the same shapes during verification
			}
			return ys
		}, xs, 0))
	}
	models, err := modelRollouts(r, sys, truths)
	if err != nil {
		return err
	}
	ev.RolloutProgram = endError(sys, truths, progs)
	ev.RolloutModel = endError(sys, truths, models)
	// Without a conserved quantity the drifts stay 0 and ConservedQuality empty (JSON has no NaN).
	for _, inv := range sys.Invariants {
		if inv.Conserved {
			ev.ConservedQuality = inv.Name
			ev.DriftSimulator, ev.DriftProgram, ev.DriftModel = drift(sys, inv, truths), drift(sys, inv, progs), drift(sys, inv, models)
			break
		}
	}
	ev.Trajectories = map[string][]float64{"simulator": coord(truths[0]), "program": coord(progs[0]), "model": coord(models[0])}
	return nil
}

// modelRollouts rolls the hard model out, all initial conditions at once. The model sees a
// window of the task's training length (it was trained on such sequences; its pointers look at
// most max_offset positions back): before the window is full, the positions after the current
// one are zeros, which a causal model never reads.
func modelRollouts(r *dt.Run, sys *physics.System, truths [][][]float64) ([][][]float64, error) {
	W := r.Task.Length
	outs := make([][][]float64, len(truths))
	for i, xs := range truths {
		outs[i] = make([][]float64, len(xs))
		for t, x := range xs {
			outs[i][t] = append([]float64(nil), x...)
		}
	}
	for t := physics.Warmup; t+1 < len(truths[0]); t++ {
		lo := max(0, t+1-W)
		windows := make([][][]float64, len(outs))
		for i, o := range outs {
			w := make([][]float64, W)
			for k := range w {
				if lo+k <= t {
					w[k] = o[lo+k]
				} else {
					w[k] = make([]float64, len(o[0]))
				}
			}
			windows[i] = w
		}
		pred, err := r.Predict(windows, dt.Hard, false)
		if err != nil {
			return nil, err
		}
		for i := range outs {
			copy(outs[i][t+1][:sys.Dim], pred.Y[i][t-lo])
		}
	}
	return outs, nil
}

// endError is the RMS distance between the rolled-out and the true positions at the last step,
// over the RMS of the true positions there.
func endError(sys *physics.System, truths, rolled [][][]float64) float64 {
	var d2, n2 float64
	for i := range truths {
		last := len(truths[i]) - 1
		for c := 0; c < sys.Dim; c++ {
			d := rolled[i][last][c] - truths[i][last][c]
			d2 += d * d
			n2 += truths[i][last][c] * truths[i][last][c]
		}
	}
	return math.Sqrt(d2 / math.Max(n2, 1e-300))
}

// drift is the mean over roll-outs of |I(end) − I(start)| / |I(start)| for an invariant.
func drift(sys *physics.System, inv physics.Invariant, seqs [][][]float64) float64 {
	var sum float64
	for _, xs := range seqs {
		vals := sys.EvalAlong(inv, xs)
		first, last := vals[0], vals[len(vals)-1]
		sum += math.Abs(last-first) / math.Max(math.Abs(first), 1e-12)
	}
	return sum / float64(len(seqs))
}

func coord(xs [][]float64) []float64 {
	out := make([]float64, len(xs))
	for t, x := range xs {
		out[t] = x[0]
	}
	return out
}
