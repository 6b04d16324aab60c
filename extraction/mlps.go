package extraction

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/extraction/symreg"
)

// MLPReport is what symbolic regression made of one sub-MLP.
type MLPReport struct {
	Module string   `json:"module"` // e.g. "L0.mlp1"
	Inputs []string `json:"inputs"` // the program variables it reads
	// Formula is the expression found (infix), Complexity its node count, MSE its mean squared
	// error against the sub-MLP's observed outputs, RelativeMSE that over their variance.
	Formula     string  `json:"formula"`
	Complexity  int     `json:"complexity"`
	MSE         float64 `json:"mse"`
	RelativeMSE float64 `json:"relative_mse"`
	// Integer is true when the sub-MLP's outputs were integers (within 0.25) on a task with
	// integer targets: the formula was fitted to the rounded outputs, with constants snapped to
	// simple fractions.
	Integer bool `json:"integer"`
	// Found is false when no expression was within tolerance (Formula is then the best found).
	Found bool `json:"found"`
	// Knee is true for a real-valued task whose sub-MLP no expression fits to realRelTol, or for
	// an intermediate sub-MLP of an integer task in Extract's second opinion: the formula is
	// then the knee of the Pareto front (see kneeOf), and verification decides.
	Knee bool `json:"knee,omitempty"`
	// Loose is true for an intermediate sub-MLP of an integer task that no expression fits to
	// the tolerance but one fits to intermediateRelTol (see looseOf); verification decides.
	Loose bool `json:"loose,omitempty"`
	// Step is true for an intermediate sub-MLP of an integer task that no expression fits even
	// loosely: the formula is the two-level step that best splits its outputs (see stepOf), and
	// Model what symbolic regression made of them; verification decides.
	Step bool `json:"step,omitempty"`
	// Targets is true when the formula was fitted to the task's targets, not to the sub-MLP's
	// outputs, which no formula fits (see fitTargets); Model is then what symbolic regression
	// made of the sub-MLP itself.
	Targets bool       `json:"fitted_to_targets,omitempty"`
	Model   *MLPReport `json:"model_fit,omitempty"`
	// Synthesis is set when the formula comes from finite-domain synthesis (see synthesis.go)
	// because symbolic regression found none: how the table was read, one step per line. Model
	// is then symbolic regression's failed fit.
	Synthesis []string `json:"synthesis,omitempty"`
	// Normalized is, for an intermediate sub-MLP whose formula is a*f + b, the f the program
	// computes instead (see normalize).
	Normalized string `json:"normalized,omitempty"`
	// Front is the Pareto front: the best formula found at each complexity.
	Front   []FrontPoint `json:"front"`
	Samples int          `json:"samples"`
	Seconds float64      `json:"seconds"`
}

// FrontPoint is one point of a Pareto front of formulas.
type FrontPoint struct {
	Formula    string  `json:"formula"`
	Complexity int     `json:"complexity"`
	MSE        float64 `json:"mse"`
}

// fitMLP runs symbolic regression from a sub-MLP's inputs, cols (one column per input, see
// inputColumns), to its observed outputs. vars names its inputs in the program.
//
// intermediate is true when no output reads the sub-MLP: its formula may then be looser (see
// looseOf), since only what later modules make of it must be exact.
func fitMLP(r *dt.Run, obs *observation, m *dt.SubMLP, cols [][]float64, vars []string, intermediate bool, opts Options) (program.Expr, MLPReport, error) {
	return fitValues(r, moduleName(m.Layer, "mlp", m.Index), obs.slot(m.Slot, r.Task.Warmup), cols, vars, intermediate, opts)
}

// fitValues runs symbolic regression from the columns cols to the values y (a sub-MLP's outputs,
// or the targets it should have written, see fitTargets) for the module named module.
func fitValues(r *dt.Run, module string, y []float64, cols [][]float64, vars []string, intermediate bool, opts Options) (program.Expr, MLPReport, error) {
	start := time.Now()
	X := rows(cols, len(y))
	integer := r.Task.Integer && integral(y, 0.25)
	if integer {
		for i := range y {
			y[i] = math.Round(y[i])
		}
	}
	// A wide sub-MLP may sum all its inputs (sum_last7: seven terms, complexity 13).
	sopts := symreg.Options{Unary: opts.Unary, Binary: opts.Binary, MaxComplexity: max(opts.MaxComplexity, 2*len(vars)+1),
		Integer: integer, Seed: uint64(r.Seed)}
	if !r.Task.Integer {
		// A physical law is a few terms with real coefficients, each a constant node:
		// 2θ − θ[t−1] − 0.04·sin θ has complexity 14, van der Pol's four monomials 21.
		sopts.RelTol, sopts.MaxComplexity, sopts.Laws = realRelTol, max(opts.MaxComplexity, realMaxComplexity), true
	}
	res, err := symreg.Fit(X, y, vars, sopts)
	if err != nil {
		return nil, MLPReport{}, fmt.Errorf("symbolic regression of %s: %w", module, err)
	}
	knee, loose, step := false, false, false
	var model *MLPReport // symbolic regression's own best, when a step replaces it
	if !res.Found && !r.Task.Integer {
		res.Best, knee = kneeOf(res.Front), true
	}
	if !res.Found && r.Task.Integer && intermediate {
		looseC, looseOK := looseOf(res.Front, res.VarY)
		if opts.intermediates == kneeRule {
			res.Best, knee = kneeOf(res.Front), true
		} else if looseOK && opts.intermediates == looseFirst {
			res.Best, loose = looseC, true
		} else if c, ok := stepOf(cols, y, vars); ok {
			model = &MLPReport{Module: module, Inputs: vars, Formula: program.FormatExpr(res.Best.Expr),
				Complexity: res.Best.Complexity, MSE: res.Best.MSE, RelativeMSE: res.Best.MSE / math.Max(res.VarY, 1e-300)}
			res.Best, step = c, true
		} else if looseOK {
			res.Best, loose = looseC, true
		}
	}
	rep := MLPReport{
		Module: module, Inputs: vars, Integer: integer, Found: res.Found || knee || loose || step,
		Knee: knee, Loose: loose, Step: step, Model: model,
		Formula: program.FormatExpr(res.Best.Expr), Complexity: res.Best.Complexity, MSE: res.Best.MSE,
		RelativeMSE: res.Best.MSE / math.Max(res.VarY, 1e-300), Samples: len(y),
		Seconds: time.Since(start).Seconds(),
	}
	for _, c := range res.Front {
		rep.Front = append(rep.Front, FrontPoint{Formula: program.FormatExpr(c.Expr), Complexity: c.Complexity, MSE: c.MSE})
	}
	return res.Best.Expr, rep, nil
}

// rows turns n values of each column into n rows, the samples symbolic regression reads.
func rows(cols [][]float64, n int) [][]float64 {
	X := make([][]float64, n)
	for i := range X {
		X[i] = make([]float64, len(cols))
		for c := range cols {
			X[i][c] = cols[c][i]
		}
	}
	return X
}

// intermediateRelTol is the tolerance (relative MSE) of an intermediate sub-MLP of an integer
// task when none fits the default one.
const intermediateRelTol = 1e-3

// looseOf returns the simplest formula of the front within intermediateRelTol, if any. Why: an
// intermediate slot of an integer task is a real value that only later modules, and in the end
// the rounding of the output, make exact; the network may compute it with a little noise of its
// own (the indicator [x even] as 5.06 or −2.69 give or take 0.1, read through a prefix sum and
// rounded away at the output). Its law then fits to 1e-3 and not to 1e-4, and the formulas that
// fit better only fit the noise. The verification of the whole program decides.
func looseOf(front []symreg.Candidate, varY float64) (symreg.Candidate, bool) {
	for _, c := range front {
		if c.MSE <= intermediateRelTol*varY {
			return c, true
		}
	}
	return symreg.Candidate{}, false
}

// integral reports whether every value is within tol of an integer.
func integral(xs []float64, tol float64) bool {
	for _, x := range xs {
		if math.Abs(x-math.Round(x)) > tol {
			return false
		}
	}
	return true
}

// moduleName names a module as the model's slot names do, e.g. "L0.mlp1".
func moduleName(layer int, kind string, index int) string {
	return fmt.Sprintf("L%d.%s%d", layer, kind, index)
}

// varName is the program variable for a model slot name: inputs keep theirs, modules become
// identifiers (L0.mlp1 -> mlp0_1) until the simplifier gives them readable names.
func varName(slot string) string {
	if l, rest, ok := strings.Cut(slot, "."); ok && strings.HasPrefix(l, "L") {
		for _, kind := range []string{"att", "mlp"} {
			if idx, ok := strings.CutPrefix(rest, kind); ok {
				return kind + l[1:] + "_" + idx
			}
		}
	}
	return slot
}

// realRelTol is the tolerance (MSE over the variance of the outputs) of symbolic regression on a
// real-valued task's sub-MLPs. A physical law must be recovered to the precision of float32
// arithmetic, not to 1e-4 (at which 1.9988·x - x[t-1] passes for 2·x - x[t-1] - 0.01).
const realRelTol = 1e-10

// realMaxComplexity is the smallest complexity bound of symbolic regression on real-valued tasks.
const realMaxComplexity = 24

// kneeOf picks, from a Pareto front, the simplest formula whose MSE is within a factor 10 of the
// front's lowest: the sub-MLP is an approximation of its law (a ReLU network's sin), so the
// formula that explains it down to the approximation's own error is the law; simpler ones leave
// a much larger error, more complex ones only fit the approximation.
func kneeOf(front []symreg.Candidate) symreg.Candidate {
	best := front[0]
	for _, c := range front {
		best.MSE = math.Min(best.MSE, c.MSE)
	}
	floor := best.MSE
	for _, c := range front {
		if c.MSE <= 10*floor {
			return c
		}
	}
	return front[len(front)-1]
}
