package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/physics"
	"github.com/discretetransformer/w2c/physics/evaluation"
	"github.com/discretetransformer/w2c/registry"
	"github.com/discretetransformer/w2c/task"
)

// extractFlags are the flags shared by extract and run.
type extractFlags struct {
	ops        *string
	complexity *int
}

func addExtractFlags(fs interface {
	String(name, value, usage string) *string
	Int(name string, value int, usage string) *int
}) extractFlags {
	return extractFlags{
		ops:        fs.String("ops", "", "operators symbolic regression may use, comma separated (default all: "+allOps()+")"),
		complexity: fs.Int("complexity", 0, "largest formula complexity in nodes (default 12)"),
	}
}

func allOps() string {
	var ops []string
	for _, op := range program.UnaryOps() {
		ops = append(ops, string(op))
	}
	for _, op := range program.BinaryOps() {
		ops = append(ops, string(op))
	}
	return strings.Join(ops, ",")
}

// options turns the flags into extraction options.
func (f extractFlags) options() (extraction.Options, error) {
	opts := extraction.Options{MaxComplexity: *f.complexity}
	if strings.TrimSpace(*f.ops) == "" {
		return opts, nil
	}
	opts.Unary, opts.Binary = []program.UnaryOp{}, []program.BinaryOp{}
	for _, name := range strings.Split(*f.ops, ",") {
		name = strings.TrimSpace(name)
		switch {
		case containsOp(program.UnaryOps(), program.UnaryOp(name)):
			opts.Unary = append(opts.Unary, program.UnaryOp(name))
		case containsOp(program.BinaryOps(), program.BinaryOp(name)):
			opts.Binary = append(opts.Binary, program.BinaryOp(name))
		default:
			return opts, usageError{fmt.Sprintf("unknown operator %q in -ops; the operators are %s", name, allOps())}
		}
	}
	return opts, nil
}

func containsOp[T comparable](ops []T, op T) bool {
	for _, o := range ops {
		if o == op {
			return true
		}
	}
	return false
}

func runExtract(args []string) error {
	fs := newFlags("extract", "-run DIR [-ops LIST] [-complexity N]")
	dir := fs.String("run", "", "run folder of a trained model (from w2c train)")
	ef := addExtractFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usageError{"-run is required: the folder of a trained run (w2c train -task NAME -out DIR)"}
	}
	opts, err := ef.options()
	if err != nil {
		return err
	}
	r, err := dt.Open(*dir, registry.Lookup)
	if err != nil {
		return err
	}
	return extractAndShow(r, opts)
}

// extractAndShow extracts the program of a trained run, saves it in the run folder and prints
// it with its verification. A program that fails verification is an error (exit status 1).
func extractAndShow(r *dt.Run, opts extraction.Options) error {
	res, err := extraction.Extract(r, opts)
	if err != nil {
		return err
	}
	if err := extraction.Write(r.Dir, res); err != nil {
		return err
	}
	printExtraction(res)
	if simulated(r.Task) && res.Program != nil {
		if err := evaluatePhysics(r, res); err != nil {
			return err
		}
	}
	if res.Program == nil {
		return fmt.Errorf("no program: %s (details in %s/%s)", res.Failure, r.Dir, extraction.ExtractionFile)
	}
	fmt.Printf("wrote %s, %s and %s in %s\n", extraction.PseudoFile, extraction.PythonFile, extraction.GoFile, r.Dir)
	// The verdict: the program on sealed data that neither training nor extraction saw.
	cert, err := extraction.Certify(r, res.Program, opts)
	if err != nil {
		return err
	}
	if err := extraction.WriteCertificate(r.Dir, cert); err != nil {
		return err
	}
	fmt.Println()
	fmt.Print(cert.Describe())
	if cert.Level == "" {
		return fmt.Errorf("the program is not certified: %s (details in %s/%s)", cert.Failure, r.Dir, extraction.CertificateFile)
	}
	return nil
}

func printExtraction(res *extraction.Result) {
	for _, h := range res.Heads {
		status := "accepted"
		switch {
		case !h.Accepted && h.Unused:
			status = "REJECTED: unexplained, but no statement of the program reads it (dropped)"
		case !h.Accepted:
			status = "REJECTED"
		}
		how := ""
		if h.ByValue {
			how = " (learned head: rows that read the same value agree)"
		}
		fmt.Printf("head %s: %s on %.2f%% of %d rows%s (lower bound %.4f) %s\n", h.Module, h.Hypothesis, 100*h.Agreement, h.Rows, how, h.LowerBound, status)
		if h.Joint != "" {
			fmt.Printf("  tested jointly %s\n", h.Joint)
		}
	}
	for _, m := range res.MLPs {
		fmt.Printf("sub-MLP %s(%s) = %s  (complexity %d, relative MSE %.2g, %.2fs)\n", m.Module,
			strings.Join(m.Inputs, ", "), m.Formula, m.Complexity, m.RelativeMSE, m.Seconds)
		switch {
		case m.Targets && m.Model != nil && m.Model.Knee:
			fmt.Printf("  fitted to the task's targets: the sub-MLP's own outputs give only an approximate formula (%s, relative MSE %.2g)\n",
				m.Model.Formula, m.Model.RelativeMSE)
		case m.Targets && m.Model != nil:
			fmt.Printf("  fitted to the task's targets: no formula fits the sub-MLP's own outputs (best %s, relative MSE %.2g)\n",
				m.Model.Formula, m.Model.RelativeMSE)
		}
		if m.Step && m.Model != nil {
			fmt.Printf("  a step: no formula fits this intermediate sub-MLP's outputs (best %s, relative MSE %.2g); they split into a level and the rest at this threshold, which is what later modules may read (verification decides)\n",
				m.Model.Formula, m.Model.RelativeMSE)
		}
		if len(m.Synthesis) > 0 && m.Model != nil {
			fmt.Printf("  symbolic regression found none (best %s, relative MSE %.2g); %s\n",
				m.Model.Formula, m.Model.RelativeMSE, strings.Join(m.Synthesis, "; "))
		}
	}
	if res.SecondOpinion != "" {
		fmt.Printf("second opinion: %s\n", res.SecondOpinion)
	}
	if len(res.Dropped) > 0 {
		fmt.Printf("dropped (the output does not depend on them): %s\n", strings.Join(res.Dropped, ", "))
	}
	if res.Code != "" {
		fmt.Println()
		fmt.Print(res.Code)
		fmt.Println()
	}
	printUncertainty(res)
	for i, c := range res.Checks {
		if p := res.Checks[max(i-1, 0)]; i > 0 && c.Against == p.Against && c.Length == p.Length {
			continue // a recording as long as the longer check's: the same sequences again
		}
		mark := "ok"
		if !c.Passed {
			mark = "FAILED"
		}
		fmt.Printf("selection: checked against the %s on %d sequences of length %d: %s  %s\n",
			c.Against, c.Sequences, c.Length, c.Outcome(), mark)
		if c.ModelErrors > 0 && c.Passed {
			fmt.Printf("  (the %d others are slips of the hard model's rounding: there the program equals the reference)\n", c.ModelErrors)
		}
	}
}

// printUncertainty shows, for a task read from a file, each constant of the program with its
// bootstrap standard error.
func printUncertainty(res *extraction.Result) {
	if res.Polish == nil || len(res.Polish.Uncertainty) == 0 {
		return
	}
	u := res.Polish.Uncertainty
	fmt.Printf("constants, with standard errors from %d bootstrap refits over the observed sequences:\n", u[0].Resamples)
	for _, c := range u {
		fmt.Printf("  %-28s %.10g ± %.2g   in %s\n", c.Where, c.Value, c.StdErr, c.Context)
	}
	fmt.Println("  (the spread of the fit over the sequences: with noise on the inputs too, least squares also shrinks\n" +
		"  coefficients slightly towards zero, a bias these errors do not include)")
	fmt.Println()
}

// evaluatePhysics compares a physical system's recovered law with the true one and rolls both
// the program and the model out; it saves physics.json in the run folder.
func evaluatePhysics(r *dt.Run, res *extraction.Result) error {
	ev, err := evaluation.Evaluate(r, res, evaluation.Options{})
	if err != nil {
		return err
	}
	fmt.Printf("\ntrue law:  %s\nrecovered: %s\n", ev.TrueLaw, strings.Join(ev.Recovered, "; "))
	if len(ev.RecoveredWeights) > 0 {
		fmt.Printf("weights:   %s\n", strings.Join(ev.RecoveredWeights, "; "))
	}
	if ev.WeightsError != "" {
		fmt.Printf("weights:   not measured: %s\n", ev.WeightsError)
	}
	fmt.Println("constants (relative error to the true value): from the weights = the hard model's outputs regressed on " +
		"the law's terms, unrounded; after refit = least squares on the simulator's data, shortest decimal within 1e-9")
	fmt.Printf("  %-26s %-26s %-26s %s\n", "term", "true", "from the weights", "after refit")
	for _, c := range ev.Constants {
		weights := "n/a"
		if c.Weights != nil {
			weights = constantCell(c.Weights.Value, c.Weights.RelativeError, c.Weights.Missing)
		}
		fmt.Printf("  %-26s %-26s %-26s %s\n", c.Term, fmt.Sprintf("%.6g (%s)", c.True, c.Formula), weights,
			constantCell(c.Recovered, c.RelativeError, c.Missing))
	}
	for _, x := range ev.ExtraTerms {
		fmt.Printf("  extra term %s\n", x)
	}
	for _, x := range ev.WeightsExtraTerms {
		fmt.Printf("  extra term from the weights %s\n", x)
	}
	fmt.Printf("one-step relative MSE: model %.2g, program %.2g\n", ev.OneStepModel, ev.OneStepProgram)
	fmt.Printf("%d-step roll-out, relative error at the end: model %.2g, program %.2g", ev.RolloutSteps, ev.RolloutModel, ev.RolloutProgram)
	if ev.ConservedQuality != "" {
		fmt.Printf("; drift of %s: simulator %.2g, model %.2g, program %.2g", ev.ConservedQuality, ev.DriftSimulator, ev.DriftModel, ev.DriftProgram)
	}
	fmt.Println()
	return dt.WriteJSONAtomic(filepath.Join(r.Dir, evaluation.File), ev)
}

// constantCell prints a constant and its relative error to the true value, or MISSING.
func constantCell(v, rel float64, missing bool) string {
	if missing {
		return "MISSING"
	}
	return fmt.Sprintf("%.10g (%.1e)", v, rel)
}

// simulated says whether a task is one of the physical systems' simulations (not recordings
// in a file that happens to share a system's name), whose law and roll-outs can be evaluated.
func simulated(t *task.Task) bool { return t.Data == nil && physics.Find(t.Name) != nil }
