package bench

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/physics/evaluation"
	"github.com/discretetransformer/w2c/task"
)

// PhysicsFile is the physics table of a suite folder.
const PhysicsFile = "physics.md"

// evaluatePhysics evaluates the chosen attempt of a physics task (its program against the true
// law, roll-outs) and saves physics.json in its folder.
func evaluatePhysics(job Job, dir string) error {
	r, err := dt.Open(dir, func(string) (*task.Task, error) { return job.Task, nil })
	if err != nil {
		return err
	}
	res, err := extraction.Load(dir)
	if err != nil || res.Program == nil {
		return err
	}
	ev, err := evaluation.Evaluate(r, res, evaluation.Options{})
	if err != nil {
		return err
	}
	ev.Trajectories = nil
	return dt.WriteJSONAtomic(filepath.Join(dir, evaluation.File), ev)
}

// physicsTable renders the physics table: for each system, its true law, the recovered one,
// the constants' errors (from the weights / after the refit to the simulator's data), the
// one-step MSEs and the roll-out errors of the best seed; then every constant of every law,
// both ways (see constantsTable).
func physicsTable(out string, rows []Row) (string, bool) {
	var b strings.Builder
	fmt.Fprintf(&b, "Verdicts from the sealed certification (10,000 sampled sequences at the training length and at 5x). A program is verified when it equals the simulator's law "+
		"(relative MSE ≤ 1e-9) and is the hard model's function: its relative MSE against the model at most %.0e, a fixed bound; the model's own error against the law is beside it.\n\n", extraction.DefaultModelTolerance)
	fmt.Fprintf(&b, "| system | seeds ✓ / ≈ | true law | recovered law | max constant error (weights / refit) | program vs hard model: rel. MSE (model vs law) | one-step rel. MSE (model / program) | %s-step roll-out error (model / program) | energy drift (sim / model / program) |\n", "1000")
	fmt.Fprintf(&b, "|---|---|---|---|---|---|---|---|---|\n")
	any := false
	var evs []namedEvaluation
	for _, r := range rows {
		if r.Task.Group != "physics" {
			continue
		}
		any = true
		o := r.Best()
		var ev evaluation.Result
		path := filepath.Join(seedDir(out, r.Task.Name, o.Seed), o.Arch, evaluation.File)
		if err := dt.ReadJSON(path, &ev); err != nil {
			fmt.Fprintf(&b, "| %s | %d / %d of %d | | no program: %s | | | | | |\n", r.Task.Name, r.Verified(), r.Corrected(), len(r.Outcomes), cell(o.Failure, 80))
			continue
		}
		evs = append(evs, namedEvaluation{r.Task.Name, &ev})
		fmt.Fprintf(&b, "| %s | %d / %d of %d | %s | %s | %s | %s | %.2g / %.2g | %.2g / %.2g | %s |\n", r.Task.Name, r.Verified(), r.Corrected(), len(r.Outcomes),
			cell(ev.TrueLaw, 120), cell(strings.Join(ev.Recovered, "; "), 120), constErr(&ev), modelCheck(o),
			ev.OneStepModel, ev.OneStepProgram, ev.RolloutModel, ev.RolloutProgram, drifts(&ev))
	}
	if len(evs) > 0 {
		b.WriteString(constantsTable(evs))
	}
	return b.String(), any
}

// namedEvaluation is a system's evaluation, for constantsTable.
type namedEvaluation struct {
	system string
	ev     *evaluation.Result
}

// constantsTable lists every constant of every law two ways: from the weights (measured on the
// hard model's own outputs, see evaluation) and after the refit (least squares on the
// simulator's data, written as the shortest decimal within 1e-9), each with its
// relative error to the true value.
func constantsTable(evs []namedEvaluation) string {
	var b strings.Builder
	b.WriteString("\nConstants, two ways (best seed). *From the weights*: the trained hard model's outputs on held-out " +
		"sequences regressed by least squares on the terms of the program before the constant refit, nothing rounded " +
		"(training's last step solved the output sub-MLPs' last layer by least squares on training sequences, in float32). " +
		"*After refit*: the final program's, fitted by least squares to the simulator's data and written as the shortest " +
		"decimal within 1e-9. n/a: an evaluation written before the weights' constants were measured.\n\n")
	b.WriteString("| system | term | true | from the weights (rel. error) | after refit (rel. error) |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, ne := range evs {
		for _, c := range ne.ev.Constants {
			truth := fmt.Sprintf("%.10g", c.True)
			if c.Formula != "" {
				truth += " (" + c.Formula + ")"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", ne.system, cell(c.Term, 60), truth,
				weightsConstant(c), estimate(c.Recovered, c.RelativeError, c.Missing))
		}
	}
	return b.String()
}

// weightsConstant prints the weights' reading of a constant ("n/a" when the run's evaluation
// has none).
func weightsConstant(c evaluation.Constant) string {
	if c.Weights == nil {
		return "n/a"
	}
	return estimate(c.Weights.Value, c.Weights.RelativeError, c.Weights.Missing)
}

// estimate prints a constant with its relative error, or "missing".
func estimate(v, rel float64, missing bool) string {
	if missing {
		return "missing"
	}
	return fmt.Sprintf("%.10g (%.1e)", v, rel)
}

// constErr prints the largest constant errors, from the weights / after the refit.
func constErr(ev *evaluation.Result) string {
	w := "n/a"
	if len(ev.RecoveredWeights) > 0 {
		w = maxErr(ev.MaxWeightsConstantError, ev.WeightsTermMissing, len(ev.WeightsExtraTerms))
	}
	return w + " / " + maxErr(ev.MaxConstantError, ev.TermMissing, len(ev.ExtraTerms))
}

func maxErr(worst float64, missing bool, extra int) string {
	if missing {
		return "term missing"
	}
	s := fmt.Sprintf("%.1e", worst)
	if extra > 0 {
		s += fmt.Sprintf(" (+%d extra terms)", extra)
	}
	return s
}

func drifts(ev *evaluation.Result) string {
	if ev.ConservedQuality == "" {
		return "-"
	}
	return fmt.Sprintf("%.2g / %.2g / %.2g", ev.DriftSimulator, ev.DriftModel, ev.DriftProgram)
}

// modelCheck is the certified comparison of the program with the hard model: its relative MSE
// against the model, then the model's own against the law.
func modelCheck(o *Outcome) string {
	if o.Certificate == nil || len(o.Certificate.Checks) < 3 {
		return "-"
	}
	c := o.Certificate.Checks[2]
	mark := "✓"
	if !c.Passed {
		mark = "✗ (above the bound)"
	}
	return fmt.Sprintf("%.2g (%.2g) %s", c.RelativeMSE, c.ModelRelativeMSE, mark)
}
