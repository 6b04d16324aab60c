package polish

import (
	"errors"
	"fmt"
	"time"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Options tunes Program. The zero value polishes a real-valued task with the default budgets.
type Options struct {
	// Warmup: positions t < Warmup are not scored (their targets may be anything).
	Warmup int
	// Integer: the task's outputs are exact (integer-valued) values, so constants are snapped
	// to simple rationals when that makes the program reproduce the targets exactly. Without
	// it, snapping is cosmetic only (within 1e-9 relative).
	Integer bool
	// MaxIterations bounds the Levenberg–Marquardt iterations of the refinement (default 100).
	MaxIterations int
	// MaxResiduals bounds the scored outputs used for fitting and snapping (default 20000); the
	// data is subsampled deterministically beyond that. The final checks use all the data.
	MaxResiduals int
	// MaxEvaluations bounds the program runs over the subsample, refinement and snapping
	// together (default 20000): a deterministic budget.
	MaxEvaluations int
	// Seed seeds the subsample.
	Seed uint64
	// ExactTolerance is the largest |output − target| of an exact program (default 1e-9).
	ExactTolerance float64
	// TimeLimit, when positive, stops refinement and snapping early (a safety stop: with it the
	// result may depend on the machine's speed).
	TimeLimit time.Duration
	// KeepFormulas is passed to program.Simplify: keep every formula as its own statement
	// instead of inlining those used once.
	KeepFormulas bool
}

// Defaults of Options.
const (
	DefaultMaxIterations  = 100
	DefaultMaxResiduals   = 20000
	DefaultMaxEvaluations = 20000
	DefaultExactTolerance = 1e-9
)

func (o Options) withDefaults() Options {
	if o.MaxIterations <= 0 {
		o.MaxIterations = DefaultMaxIterations
	}
	if o.MaxResiduals <= 0 {
		o.MaxResiduals = DefaultMaxResiduals
	}
	if o.MaxEvaluations <= 0 {
		o.MaxEvaluations = DefaultMaxEvaluations
	}
	if o.ExactTolerance <= 0 {
		o.ExactTolerance = DefaultExactTolerance
	}
	o.Warmup = max(o.Warmup, 0)
	return o
}

// The stages a returned program may come from (Report.Stage), most polished first.
const (
	// StagePolished: refined, snapped, normalized and simplified again.
	StagePolished = "polished"
	// StageSnapped: refined and snapped, without the final normalization.
	StageSnapped = "snapped"
	// StageRefined: normalized and refined, not snapped.
	StageRefined = "refined"
	// StageInput: the input program, unchanged (nothing else was as good on the data).
	StageInput = "input"
)

// Report describes what Program did. Losses are mean squared errors over every scored output
// of the data (t >= Warmup, finite target); +Inf when an output is not finite.
type Report struct {
	// Stage is the stage the returned program comes from (StagePolished, ...).
	Stage string
	// LossBefore and LossAfter are the MSE of the input and of the returned program.
	LossBefore, LossAfter float64
	// MaxErrorBefore and MaxErrorAfter are the largest |output − target|.
	MaxErrorBefore, MaxErrorAfter float64
	// ExactBefore and Exact tell whether every scored output is within ExactTolerance of its
	// target, for the input and for the returned program.
	ExactBefore, Exact bool
	// Constants are the constants of the normalized program, in order (body, then outputs,
	// each in pre-order), with their values before refinement, after it and in the result.
	Constants []Constant
	// Iterations counts the Levenberg–Marquardt iterations of the refinement.
	Iterations int
	// Evaluations counts program runs over the subsample (refinement and snapping).
	Evaluations int
	// Scored and Sampled count the scored outputs of the data and of the fitting subsample.
	Scored, Sampled int
	// Normalized is the program after normalization, before refinement, as pseudo-code.
	Normalized string
	// Seconds is the wall time of Program.
	Seconds float64
}

// Constant is one constant of the normalized program and what became of it.
type Constant struct {
	// Where names it: "output y, constant 2" (the second constant of y's formula, in
	// pre-order) or "statement h1, constant 1".
	Where string
	// Context is the smallest expression around it, printed with the Before value.
	Context string
	// Before is its value in the normalized program, Refined after refinement, After in the
	// returned program (After is Before when the input is returned).
	Before, Refined, After float64
}

// Program polishes the constants of p against the data: sequences xs[i][t][c] (the program's
// input channels) with targets ys[i][t][k] (its outputs). It normalizes p, refines its
// constants by least squares, snaps them to simple values, and simplifies the result (see the
// package doc). The returned program is never worse on the data than p. It fails only on an
// invalid program, data of the wrong shape, or data with no scored output.
func Program(p *program.Program, xs, ys [][][]float64, opts Options) (*program.Program, *Report, error) {
	began := time.Now()
	o := opts.withDefaults()
	if err := p.Validate(); err != nil {
		return nil, nil, fmt.Errorf("polish: %w", err)
	}
	if err := checkData(p, xs, ys); err != nil {
		return nil, nil, err
	}
	full := newDataset(xs, ys, o.Warmup, len(p.Outputs))
	if full.scored == 0 {
		return nil, nil, errors.New("polish: the data has no scored output (t >= warmup, finite target)")
	}
	sample := full.subsample(o.MaxResiduals, o.Seed)
	before, err := measureProgram(p, full)
	if err != nil {
		return nil, nil, fmt.Errorf("polish: running the input program: %w", err)
	}

	norm, err := normalizeSimplify(p, o.KeepFormulas)
	if err != nil {
		return nil, nil, err
	}
	start, sites := collectConsts(norm)
	ev := &evaluator{base: norm, data: sample}
	var deadline time.Time
	if o.TimeLimit > 0 {
		deadline = began.Add(o.TimeLimit)
	}
	stop := func() bool {
		return ev.evals.Load() >= int64(o.MaxEvaluations) || (!deadline.IsZero() && time.Now().After(deadline))
	}
	refined, _, iters, err := ev.lm(start, nil, lmSettings{maxIter: o.MaxIterations, stop: stop})
	if err != nil {
		return nil, nil, fmt.Errorf("polish: refining: %w", err)
	}
	sn := &snapper{ev: ev, all: o.Integer, tol: o.ExactTolerance, stop: stop}
	snap := sn.real
	if o.Integer {
		snap = sn.integer
	}
	snapped, _, err := snap(refined)
	if err != nil {
		return nil, nil, fmt.Errorf("polish: snapping: %w", err)
	}

	// The candidates, most polished first; the first not worse than any later one wins.
	type candidate struct {
		stage string
		prog  *program.Program
		vals  []float64
		m     measure
	}
	var cands []candidate
	add := func(stage string, q *program.Program, vals []float64, err error) {
		if err != nil {
			return // a stage that fails to build is skipped; the input is always there
		}
		m, err := measureProgram(q, full)
		if err != nil {
			return
		}
		cands = append(cands, candidate{stage, q, vals, m})
	}
	snappedProg := withConsts(norm, snapped)
	polished, err := finish(snappedProg, o.Integer, o.KeepFormulas)
	add(StagePolished, polished, snapped, err)
	q, err := simplify(render(snappedProg, o.Integer), o.KeepFormulas)
	add(StageSnapped, q, snapped, err)
	q, err = simplify(withConsts(norm, refined), o.KeepFormulas)
	add(StageRefined, q, refined, err)
	cands = append(cands, candidate{StageInput, p.Clone(), start, before})

	better := func(a, b measure) bool { // a is not worse than b
		if o.Integer && b.exact(o.ExactTolerance) && !a.exact(o.ExactTolerance) {
			return false
		}
		return a.loss <= b.loss || a.loss <= b.loss*(1+lossRelSlack)+lossAbsSlack*full.scale
	}
	chosen := cands[len(cands)-1]
	for i, c := range cands {
		ok := true
		for _, later := range cands[i+1:] {
			ok = ok && better(c.m, later.m)
		}
		if ok {
			chosen = c
			break
		}
	}

	rep := &Report{
		Stage:          chosen.stage,
		LossBefore:     before.loss,
		LossAfter:      chosen.m.loss,
		MaxErrorBefore: before.maxErr,
		MaxErrorAfter:  chosen.m.maxErr,
		ExactBefore:    before.exact(o.ExactTolerance),
		Exact:          chosen.m.exact(o.ExactTolerance),
		Iterations:     iters,
		Evaluations:    int(ev.evals.Load()),
		Scored:         full.scored,
		Sampled:        sample.scored,
		Normalized:     program.Format(norm),
	}
	for i, s := range sites {
		context := s.owner + " = " + program.FormatExpr(program.Const{Value: start[i]})
		if s.parent != nil {
			context = program.FormatExpr(s.parent)
		}
		rep.Constants = append(rep.Constants, Constant{
			Where: s.where(), Context: context, Before: start[i], Refined: refined[i], After: chosen.vals[i],
		})
	}
	rep.Seconds = time.Since(began).Seconds()
	return chosen.prog, rep, nil
}

// simplify is program.Simplify keeping the names.
func simplify(p *program.Program, keepFormulas bool) (*program.Program, error) {
	return program.Simplify(p, program.SimplifyOptions{KeepNames: true, KeepFormulas: keepFormulas})
}

// normalizeSimplify alternates Normalize and simplify until the program is stable (a few
// rounds at most), ending normalized.
func normalizeSimplify(p *program.Program, keepFormulas bool) (*program.Program, error) {
	q := p
	for range 4 {
		n := Normalize(q)
		s, err := simplify(n, keepFormulas)
		if err != nil {
			return nil, fmt.Errorf("polish: simplifying: %w", err)
		}
		if s.Equal(n) {
			return n, nil
		}
		q = s
	}
	return Normalize(q), nil
}

// finish is the last stage: normalize and simplify the snapped program (coefficients 1 and
// terms 0 disappear), then write simple fractions as quotients.
func finish(p *program.Program, integer, keepFormulas bool) (*program.Program, error) {
	n, err := normalizeSimplify(p, keepFormulas)
	if err != nil {
		return nil, err
	}
	return simplify(render(n, integer), keepFormulas)
}
