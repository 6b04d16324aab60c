package extraction

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/hypothesis"
	"github.com/discretetransformer/w2c/extraction/program"
)

// Result is the outcome of an extraction: the program, how each module was explained, and the
// verification. It is saved as extraction.json and in the run's report.json.
type Result struct {
	Task string `json:"task"`
	Seed int64  `json:"seed"`
	// Program is the simplified program (nil when extraction stopped before assembling one);
	// Code is its pseudo-code.
	Program *program.Program `json:"-"`
	Code    string           `json:"program,omitempty"`
	Size    int              `json:"program_size,omitempty"` // Program.Size()
	// Kept and Dropped count the modules the outputs depend on and those the backtrace removed.
	Kept    []string     `json:"kept_modules"`
	Dropped []string     `json:"dropped_modules"`
	Heads   []HeadReport `json:"heads"`
	MLPs    []MLPReport  `json:"mlps"`
	// Polish is what constant refinement did (see polish.go); Assembled the program before it
	// (pseudo-code), and Weights that program: its constants are those symbolic regression read
	// off the sub-MLPs' own outputs, before any refit to data. Load parses Weights back from
	// Assembled (nil when extraction.json has none).
	Polish    *PolishReport    `json:"polish,omitempty"`
	Assembled string           `json:"assembled_program,omitempty"`
	Weights   *program.Program `json:"-"`
	Checks    []Check          `json:"checks"`
	// Correct: the program equals the task's reference at the training length and at LongFactor
	// times it. Verified: Correct and it also equals the hard model.
	Correct  bool `json:"correct"`
	Verified bool `json:"verified"`
	// SecondOpinion says why the program comes from Extract's second or third opinion ("" when
	// not).
	SecondOpinion string `json:"second_opinion,omitempty"`
	// Failure says why the program is not verified (or why extraction stopped), and Stage where.
	Failure string             `json:"failure,omitempty"`
	Stage   string             `json:"failure_stage,omitempty"`
	Seconds map[string]float64 `json:"seconds"`
}

// Extract turns a trained run into a verified program (see the package doc for the stages). An
// error means extraction could not run at all (the model cannot be evaluated); a model that
// does not yield a verified program gives a Result with Failure set.
//
// Second and third opinions: when the program fails verification and an intermediate sub-MLP
// took a loose formula (looseOf: the simplest within 1e-3 of its outputs' variance), extraction
// runs once more with the knee of each such front instead (kneeOf: the simplest within 10x of
// the best error found), and, if that fails too, once more with each such sub-MLP's step
// (stepOf) where it has one; it keeps the first verified program, else the better verdict.
// Why the knee: the loose rule's fixed tolerance can let a noise term in (count_above5:
// 12.27·[x > 5] + 0.01·S − 0.68 at 7.6e-4, where 12.3·[x > 5] − 0.44 was at 1.3e-3), and a
// noise term keeps the scale from being normalized away; the knee reads the front's own noise
// floor instead. Why the step: a formula within tolerance of a ramp still puts the ramp's edge
// where the training length's values leave it room (balanced_parenthesis, two layers of prefix
// means: max(exp(m), 5/3), an edge at m = 0.511 that no mean at length 10 falls near, fails at
// length 100 where 50/99 does), while the step puts it at the simplest threshold (m > 1/2).
// Every opinion is judged by the same selection data.
func Extract(r *dt.Run, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	res, err := extract(r, opts)
	if err != nil || res.Verified || res.Program == nil || !res.anyMLP(isLooseOrStep) {
		return res, err
	}
	first, hadLoose, seconds := res.Failure, res.anyMLP(isLoose), res.Seconds
	for _, o := range []struct {
		rule intermediateRule
		why  string
	}{
		{kneeRule, "the knees of their fronts passed"},
		{stepFirst, "their steps passed"},
	} {
		if o.rule == stepFirst && !hadLoose {
			break // every such sub-MLP took its step already: the first opinion's program again
		}
		next := opts
		next.intermediates = o.rule
		alt, err := extract(r, next)
		if err != nil {
			return nil, err
		}
		for stage, s := range seconds {
			alt.Seconds[stage] += s
		}
		seconds = alt.Seconds
		if alt.Verified || (alt.Correct && !res.Correct) {
			alt.SecondOpinion = "the loose intermediate formulas failed verification (" + first + "); " + o.why
			if alt.Verified {
				return alt, nil
			}
			res = alt
		}
	}
	res.Seconds = seconds
	return res, nil
}

// Mechanisms names how the program's formulas were found beyond symbolic regression of each
// sub-MLP's outputs, in a fixed order: "finite-domain synthesis" (synthesis.go), "step
// intermediate" (step.go), "fitted to targets" (targets.go), "second opinion" (Extract). Empty
// for a program found the plain way.
func (res *Result) Mechanisms() []string {
	var synth, step, targets bool
	for _, m := range res.MLPs {
		synth = synth || len(m.Synthesis) > 0
		step = step || m.Step
		targets = targets || m.Targets
	}
	var out []string
	if synth {
		out = append(out, "finite-domain synthesis")
	}
	if step {
		out = append(out, "step intermediate")
	}
	if targets {
		out = append(out, "fitted to targets")
	}
	if res.SecondOpinion != "" {
		out = append(out, "second opinion")
	}
	return out
}

// anyMLP reports whether some sub-MLP's report satisfies f.
func (res *Result) anyMLP(f func(MLPReport) bool) bool {
	for _, m := range res.MLPs {
		if f(m) {
			return true
		}
	}
	return false
}

// isLooseOrStep and isLoose tell which intermediate sub-MLPs the later opinions revisit: those
// that took a loose formula or a step, and those that took a loose formula.
func isLooseOrStep(m MLPReport) bool { return m.Loose || m.Step }
func isLoose(m MLPReport) bool       { return m.Loose }

// extract runs the stages once.
func extract(r *dt.Run, opts Options) (*Result, error) {
	res := &Result{Task: r.Task.Name, Seed: r.Seed, Seconds: map[string]float64{}}
	clock := time.Now()
	lap := func(stage string) {
		res.Seconds[stage] += time.Since(clock).Seconds()
		clock = time.Now()
	}

	st, err := r.Structure()
	if err != nil {
		return nil, err
	}
	g := newGraph(st, r.Model)
	kept := g.backtrace()
	vars := make([]string, len(st.SlotNames))
	for s, name := range st.SlotNames {
		vars[s] = varName(name)
	}
	for s, o := range g.feedback {
		vars[s] = vars[o] // an output read back is the variable read out
	}
	obs, err := observe(r, opts.Observe)
	if err != nil {
		return nil, err
	}
	lap("observe")

	a := &assembler{vars: vars}
	readout := append([]dt.Readout{}, st.Readout...) // fitTargets may replace an output's
	slots := make([]int, 0, len(kept))
	for s := range kept {
		slots = append(slots, s)
	}
	sort.Ints(slots)
	// Later sub-MLPs are fitted on the program's own values (see inputColumns) for integer tasks,
	// unless the model reads its outputs back: the program then reads a variable it defines last.
	exact := r.Task.Integer && len(g.feedback) == 0
	// An unexplained head (its maps match no hypothesis) blocks extraction only if the program
	// reads it: a sub-MLP whose formula does not depend on it (fitted on the head's observed
	// values) makes it dead code. pending maps such a head's variable to what its test found.
	pending := map[string]pendingHead{}
	// The modules are explained in the order of their slots, so that the program's statements
	// come in that order too (a layer-1 prefix sum reads a layer-0 sub-MLP at the same position).
	for _, s := range slots {
		if h, ok := g.heads[s]; ok {
			ptr, best, rep, err := explainHead(obs, h, vars, keySlots(r, h.Slot-h.Index), opts)
			if err != nil {
				return nil, err
			}
			res.Heads = append(res.Heads, rep)
			if rep.Accepted {
				res.Kept = append(res.Kept, rep.Module)
				a.attend(h, ptr)
			} else {
				pending[vars[s]] = pendingHead{report: len(res.Heads) - 1, head: h, ptr: ptr, best: best}
			}
			lap("heads")
		}
		if m, ok := g.mlps[s]; ok {
			// fit finds the sub-MLP's expression over the inputs ins (a formula of its outputs, else
			// of the task's targets when it is the sole output, else a synthesized one).
			fit := func(ins []int) (program.Expr, MLPReport, []string, error) {
				inputs := make([]string, len(ins))
				for i, in := range ins {
					inputs[i] = vars[in]
				}
				cols, err := a.inputColumns(r, obs, ins, exact)
				if err != nil {
					return nil, MLPReport{}, nil, err
				}
				e, rep, err := fitMLP(r, obs, m, cols, inputs, !readOut(st, s), opts)
				if err != nil {
					return nil, rep, nil, err
				}
				k, sole := soleOutput(st, kept, s)
				if sole && (!rep.Found || !r.Task.Integer && rep.Knee) {
					te, trep, found, err := fitTargets(r, obs, m, k, cols, inputs, opts)
					if err != nil {
						return nil, rep, nil, err
					}
					if found {
						model := rep
						model.Front = nil
						trep.Model = &model
						e, rep = te, trep
						readout[k] = dt.Readout{Slot: s, A: 1}
					}
				}
				if !rep.Found && r.Task.Integer {
					if !sole {
						k = -1
					}
					if se, srep, targets, ok := synthesize(r, obs, obs.slot(m.Slot, r.Task.Warmup), k, cols, inputs, g.readBack(ins), rep, opts); ok {
						e, rep = se, srep
						if targets {
							readout[k] = dt.Readout{Slot: s, A: 1}
						}
					}
				}
				return e, rep, inputs, nil
			}
			// A sub-MLP reading an unexplained head is fitted without it first: if a formula of its
			// other inputs fits, the head is dead code (its values may copy another input's, and a
			// formula reading it would block the program for nothing).
			var e program.Expr
			var rep MLPReport
			var inputs []string
			if explained := withoutPending(m.Inputs, vars, pending); len(explained) > 0 && len(explained) < len(m.Inputs) {
				if e, rep, inputs, err = fit(explained); err != nil {
					return nil, err
				}
			}
			if !rep.Found {
				if e, rep, inputs, err = fit(m.Inputs); err != nil {
					return nil, err
				}
				// Heads that the formula reads and that are unexplained one by one may be
				// explained together (hypothesis.Joint); the formula is then fitted again on
				// their pointers' values, and verification decides.
				if read := pendingReads(e, pending); rep.Found && len(read) >= 2 {
					ok, err := res.explainJointly(a, obs, read, pending, opts)
					if err != nil {
						return nil, err
					}
					if ok {
						if e, rep, inputs, err = fit(m.Inputs); err != nil {
							return nil, err
						}
					}
				}
			}
			res.MLPs = append(res.MLPs, rep)
			res.Kept = append(res.Kept, rep.Module)
			if !rep.Found {
				return res.fail("mlps", fmt.Sprintf("sub-MLP %s(%v): no expression within tolerance (best %s, relative MSE %.3g)",
					rep.Module, inputs, rep.Formula, rep.RelativeMSE)), nil
			}
			if exact && !rep.Targets {
				if f, ok := normalize(e, s, st); ok {
					e, rep.Normalized = f, program.FormatExpr(f)
				}
			}
			res.MLPs[len(res.MLPs)-1] = rep
			if blocked := res.unexplainedRead(pending, e); blocked != "" {
				return res.fail("heads", fmt.Sprintf("%s (its value is read by %s = %s)", blocked, rep.Module, program.FormatExpr(e))), nil
			}
			a.assign(m, e)
			lap("symbolic_regression")
		}
	}
	for _, o := range readout {
		if blocked := res.unexplainedRead(pending, program.Var{Name: vars[o.Slot]}); blocked != "" {
			return res.fail("heads", blocked+" (an output reads it)"), nil
		}
	}
	res.Dropped = dropped(st, kept)
	for i := range res.Heads { // unexplained, and nothing reads it
		if !res.Heads[i].Accepted {
			res.Heads[i].Unused = true
			res.Dropped = append(res.Dropped, res.Heads[i].Module)
		}
	}

	raw := a.program(r, readout)
	prog, err := program.Simplify(raw, program.SimplifyOptions{})
	if err != nil {
		return res.fail("assembly", fmt.Sprintf("the assembled program is invalid: %v", err)), nil
	}
	res.Assembled = program.Format(prog)
	// Parsed back from its pseudo-code (exact: constants print in their shortest exact form), as
	// Load does, so that polishing prog cannot change it (nil if it did not parse).
	res.Weights, _ = program.Parse(res.Assembled)
	lap("assembly")
	if prog, res.Polish, err = polishConstants(r, obs, prog); err != nil {
		return res.fail("polish", err.Error()), nil
	}
	res.Program, res.Code, res.Size = prog, program.Format(prog), prog.Size()
	lap("polish")

	if res.Checks, err = verify(r, prog, opts); err != nil {
		return res.fail("verification", err.Error()), nil
	}
	lap("verification")
	res.judge()
	return res, nil
}

// keySlots are the slots a content head may use as a key: those before its layer's heads that
// dt.Model.IsKey allows (not the built-ins "pos" and "one", nor an autoregressive model's outputs
// read back, whose value at t is not known at t).
func keySlots(r *dt.Run, firstHeadSlot int) []int {
	var keys []int
	for s := 0; s < firstHeadSlot; s++ {
		if r.Model.IsKey(s) {
			keys = append(keys, s)
		}
	}
	return keys
}

// dropped lists the modules outside the backtrace.
func dropped(st *dt.Structure, kept map[int]bool) []string {
	var out []string
	for _, h := range st.Heads {
		if !kept[h.Slot] {
			out = append(out, moduleName(h.Layer, "att", h.Index))
		}
	}
	for _, m := range st.MLPs {
		if !kept[m.Slot] {
			out = append(out, moduleName(m.Layer, "mlp", m.Index))
		}
	}
	return out
}

func (res *Result) fail(stage, why string) *Result {
	res.Stage, res.Failure = stage, why
	return res
}

// judge sets Correct, Verified and the failure from the checks.
func (res *Result) judge() {
	res.Correct = true
	res.Verified = true
	for _, c := range res.Checks {
		if c.Passed {
			continue
		}
		res.Verified = false
		if c.Against == "reference" {
			res.Correct = false
		}
		if res.Failure == "" {
			res.Stage = "verification"
			res.Failure = c.failure()
		}
	}
}

// failure describes a failed check in one line, with its counter-example.
func (c Check) failure() string {
	if c.NoiseFloor > 0 {
		return fmt.Sprintf("the program's MSE against the recorded targets at length %d is %.3g, more than %.2g x the noise floor %.3g (the best hard model's MSE there)",
			c.Length, c.MSE, NoiseFactor, c.NoiseFloor)
	}
	s := fmt.Sprintf("the program disagrees with the %s at length %d on %d of %d positions (relative MSE %.3g)",
		c.Against, c.Length, c.Positions-c.Agree, c.Positions, c.RelativeMSE)
	if ce := c.Counter; ce != nil {
		s += fmt.Sprintf("; e.g. position %d of %v: want %v, got %v", ce.Position, compact(ce.Input), ce.Want, ce.Got)
	}
	return s
}

// compact shows a sequence of single-channel rows as a flat list.
func compact(xs [][]float64) any {
	flat := make([]float64, 0, len(xs))
	for _, x := range xs {
		if len(x) != 1 {
			return xs
		}
		flat = append(flat, x[0])
	}
	return flat
}

// pendingHead is a head that its hypothesis test left unexplained: its report's index in
// Result.Heads, the head, and the best hypothesis (with its pointer).
type pendingHead struct {
	report int
	head   *dt.Head
	ptr    program.Pointer
	best   hypothesis.Hypothesis
}

// explainJointly tests unexplained heads (the variables names, two or more, all pending)
// together against their best hypotheses (hypothesis.Joint: the same values as a set, row by
// row). If they pass, each is explained by its hypothesis: the program reads the pointers, and
// verification against the hard model then checks that the sub-MLP treats the heads alike where
// they swap. It reports whether they passed.
func (res *Result) explainJointly(a *assembler, obs *observation, names []string, pending map[string]pendingHead, opts Options) (bool, error) {
	var heads []hypothesis.JointHead
	var modules []string
	for _, name := range names {
		p := pending[name]
		if p.best == nil {
			return false, nil
		}
		heads = append(heads, hypothesis.JointHead{
			Obs: obs.headObservation(p.head, a.vars), ValueSlot: p.head.Value, Hypothesis: p.best})
		modules = append(modules, res.Heads[p.report].Module)
	}
	jr, err := hypothesis.Joint(heads, hypothesis.Options{Threshold: opts.Threshold, Confidence: opts.Confidence})
	if err != nil {
		return false, fmt.Errorf("joint hypothesis test of %v: %w", modules, err)
	}
	for _, name := range names {
		rep := &res.Heads[pending[name].report]
		rep.Joint = fmt.Sprintf("with %s: the values read as a set are their hypotheses' on %.2f%% of %d rows (lower bound %.4f)",
			strings.Join(modules, ", "), 100*jr.Fraction, jr.Rows, jr.LowerBound)
		if !jr.Accepted {
			continue
		}
		rep.Accepted = true
		res.Kept = append(res.Kept, rep.Module)
		a.attend(pending[name].head, pending[name].ptr)
		delete(pending, name)
	}
	return jr.Accepted, nil
}

// pendingReads lists the unexplained heads (pending) that e reads, in reading order, once each.
func pendingReads(e program.Expr, pending map[string]pendingHead) []string {
	var names []string
	program.ExprVars(e, func(name string) {
		if _, ok := pending[name]; ok && !slices.Contains(names, name) {
			names = append(names, name)
		}
	})
	return names
}

// unexplainedRead returns the failure of the first unexplained head (pending) that e reads, or
// "".
func (res *Result) unexplainedRead(pending map[string]pendingHead, e program.Expr) string {
	blocked := ""
	program.ExprVars(e, func(name string) {
		if p, ok := pending[name]; ok && blocked == "" {
			rep := res.Heads[p.report]
			blocked = fmt.Sprintf("attention head %s is unexplained: %s", rep.Module, rep.Reason)
		}
	})
	return blocked
}

// withoutPending returns the slots whose variables are not unexplained heads (pending).
func withoutPending(slots []int, vars []string, pending map[string]pendingHead) []int {
	var out []int
	for _, in := range slots {
		if _, ok := pending[vars[in]]; !ok {
			out = append(out, in)
		}
	}
	return out
}
