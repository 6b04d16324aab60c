package truthtable

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/extraction/symreg"
)

// Options configure Synthesize. The zero value takes every default (each zero field its own).
type Options struct {
	// Unary and Binary restrict the operators (nil: symreg's defaults).
	Unary  []program.UnaryOp
	Binary []program.BinaryOp
	// MaxValues is the largest number of distinct values an input may take (default 16), and
	// MaxRows the largest number of distinct input tuples (default 20000, as many as
	// extraction's 2,000 observed sequences of length 10 give): beyond either the inputs are not
	// a small finite domain and Synthesize declines. Why so many rows: five digits of base 7
	// (base_7_addition: a, b and a[t-1], b[t-1], y[t-1]) have 16,807 tuples, of which 20,000
	// samples show about 4,800; the table is partial, and the decomposition through the carry
	// still reads it exactly (with 4,096 it was declined, and the task had no program). A table
	// that does not decompose costs little more at this size (0.4 s for 11,664 rows of five
	// inputs, measured).
	MaxValues, MaxRows int
	// MaxClasses is the largest column multiplicity of a decomposition tried (default 4).
	MaxClasses int
	// MaxDepth bounds the nested decompositions (default 3).
	MaxDepth int
	// MaxComplexity bounds every piece found by symbolic regression (default 9).
	MaxComplexity int
	// MaxFits bounds the symbolic regressions in all (default 48), FitEvals the evaluations of
	// each (symreg.Options.MaxEvals, default 60000).
	MaxFits, FitEvals int
	// Seed is passed to symbolic regression.
	Seed uint64
}

// withDefaults replaces each zero bound by its default.
func (o Options) withDefaults() Options {
	o.MaxValues = cmp.Or(o.MaxValues, 16)
	o.MaxRows = cmp.Or(o.MaxRows, 20000)
	o.MaxClasses = cmp.Or(o.MaxClasses, 4)
	o.MaxDepth = cmp.Or(o.MaxDepth, 3)
	o.MaxComplexity = cmp.Or(o.MaxComplexity, 9)
	o.MaxFits = cmp.Or(o.MaxFits, 48)
	o.FitEvals = cmp.Or(o.FitEvals, 60000)
	return o
}

// Result is the outcome of Synthesize.
type Result struct {
	// Found is true when Expr reproduces every sample exactly.
	Found bool
	Expr  program.Expr
	// Complexity is program.ExprSize(Expr).
	Complexity int
	// Reason says why nothing was found (empty when Found).
	Reason string
	// Rows is the number of distinct input tuples; Dropped the inputs the table does not
	// depend on.
	Rows    int
	Dropped []string
	// Steps describes the decompositions used, outermost first, e.g.
	// "g1 = (att0_0 < att0_2 + att0_3) over {att0_0 att0_2 att0_3}: 2 classes".
	Steps []string
	// Fits is the number of symbolic regressions run; Seconds the time taken.
	Fits    int
	Seconds float64
}

// Synthesize finds an expression over vars that maps every row of X to its target y exactly,
// for inputs that take few values (see the package doc). It returns an error only for invalid
// input; a table it cannot synthesize gives Found false and a Reason.
func Synthesize(X [][]float64, y []float64, vars []string, opts Options) (*Result, error) {
	start := time.Now()
	opts = opts.withDefaults()
	if len(X) == 0 || len(X) != len(y) {
		return nil, fmt.Errorf("truthtable: %d input rows for %d targets", len(X), len(y))
	}
	for i, row := range X {
		if len(row) != len(vars) {
			return nil, fmt.Errorf("truthtable: row %d has %d values, want %d", i, len(row), len(vars))
		}
	}
	res := &Result{}
	defer func() { res.Seconds = time.Since(start).Seconds() }()
	if reason := notIntegerTable(X, y, opts); reason != "" {
		res.Reason = reason
		return res, nil
	}
	t, ok := newTable(X, y, vars)
	if !ok {
		res.Reason = "the inputs do not determine the output: equal inputs have different targets"
		return res, nil
	}
	res.Rows = len(t.rows)
	if len(t.rows) > opts.MaxRows {
		res.Reason = fmt.Sprintf("%d distinct input tuples (at most %d)", len(t.rows), opts.MaxRows)
		return res, nil
	}
	for c := range t.vars {
		if n := t.values(c); n > opts.MaxValues {
			res.Reason = fmt.Sprintf("input %s takes %d values (at most %d)", t.vars[c], n, opts.MaxValues)
			return res, nil
		}
	}
	reduced, dropped := t.reduce()
	res.Dropped = dropped
	s := &search{opts: opts}
	sol, ok := s.solve(reduced, 0)
	res.Fits = s.fits
	if !ok {
		res.Reason = fmt.Sprintf("no exact expression over %v found (%d fits)", reduced.vars, s.fits)
		return res, nil
	}
	if !exact(sol.expr, t) {
		res.Reason = fmt.Sprintf("internal check failed: %s is not exact on the table", program.FormatExpr(sol.expr))
		return res, nil
	}
	res.Found, res.Expr, res.Complexity, res.Steps = true, sol.expr, program.ExprSize(sol.expr), sol.steps
	return res, nil
}

// notIntegerTable says why the samples are not a table of integer targets over finite inputs
// ("" when they are).
func notIntegerTable(X [][]float64, y []float64, opts Options) string {
	for i, v := range y {
		if math.IsNaN(v) || math.Abs(v-math.Round(v)) > 1e-9 {
			return fmt.Sprintf("target %d (%g) is not an integer", i, v)
		}
	}
	for _, row := range X {
		for _, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return "an input is not finite"
			}
		}
	}
	return ""
}

// search holds the shared budget of one Synthesize call.
type search struct {
	opts Options
	fits int
}

// solution is an exact expression with the decompositions it used.
type solution struct {
	expr  program.Expr
	steps []string
}

// solve finds an exact expression for t: directly, or through a decomposition.
func (s *search) solve(t *table, depth int) (solution, bool) {
	t, _ = t.reduce()
	if e, ok := s.fit(t); ok {
		return solution{expr: e}, true
	}
	if depth >= s.opts.MaxDepth {
		return solution{}, false
	}
	for _, ch := range s.candidates(t) {
		if best, ok := s.decompose(t, ch, depth); ok {
			return best, true
		}
	}
	return solution{}, false
}

// candidates returns the charts worth decomposing through: proper subsets S with
// 2 <= μ <= MaxClasses classes, fewer than S's assignments; fewest classes first, then the
// larger S, then the subsets in the order of their bitmasks.
func (s *search) candidates(t *table) []*chart {
	n := len(t.vars)
	if n < 2 || n > 16 {
		return nil
	}
	var out []*chart
	for mask := 1; mask < 1<<n-1; mask++ {
		var cols []int
		for c := range n {
			if mask&(1<<c) != 0 {
				cols = append(cols, c)
			}
		}
		ch := t.chart(cols)
		if ch.classes >= 2 && ch.classes <= s.opts.MaxClasses && ch.classes < len(ch.assign) {
			out = append(out, ch)
		}
	}
	slices.SortStableFunc(out, func(a, b *chart) int {
		if a.classes != b.classes {
			return a.classes - b.classes
		}
		return len(b.s) - len(a.s)
	})
	return out
}

// decompose tries every labelling of the chart's classes as the target of a g over S, and
// then, simplest distinct g first, solves F over the rest and g recursively. It returns the
// simplest whole expression found; a g too complex to beat it is not tried.
func (s *search) decompose(t *table, ch *chart, depth int) (solution, bool) {
	name := fmt.Sprintf("g%d", depth+1)
	sNames := t.names(ch.s)
	var gs []program.Expr
	seen := map[string]bool{}
	for _, perm := range labellings(ch.classes) {
		labels := make([]float64, len(ch.assign))
		for a, c := range ch.class {
			labels[a] = float64(perm[c])
		}
		gt, _ := newTable(ch.assign, labels, sNames)
		if g, ok := s.fit(gt); ok {
			g = stripAffine(g)
			if k := program.FormatExpr(g); !seen[k] {
				seen[k] = true
				gs = append(gs, g)
			}
		}
	}
	slices.SortStableFunc(gs, func(a, b program.Expr) int { return program.ExprSize(a) - program.ExprSize(b) })
	var best solution
	found := false
	for _, g := range gs {
		if found && program.ExprSize(g)+2 >= program.ExprSize(best.expr) {
			break // F has at least three nodes: g, another input and an operator
		}
		F, ok := s.solve(t.through(ch, g, name), depth+1)
		if !ok {
			continue
		}
		whole := program.Substitute(F.expr, map[string]program.Expr{name: g})
		if !found || program.ExprSize(whole) < program.ExprSize(best.expr) {
			step := fmt.Sprintf("%s = %s over %v: %d classes", name, program.FormatExpr(g), sNames, ch.classes)
			best = solution{expr: whole, steps: append([]string{step}, F.steps...)}
			found = true
		}
	}
	return best, found
}

// through returns the table over the inputs outside S and a new input name, the value of g on
// S's columns.
func (t *table) through(ch *chart, g program.Expr, name string) *table {
	rest := t.without(ch.s...)
	X := make([][]float64, len(t.rows))
	for i, row := range t.rows {
		x := make([]float64, 0, len(rest)+1)
		for _, c := range rest {
			x = append(x, row[c])
		}
		X[i] = append(x, eval(g, sNamesEnv(t, ch.s, row)))
	}
	out, ok := newTable(X, t.y, append(t.names(rest), name))
	if !ok {
		// Cannot happen for an exact g that separates the classes; an empty table fails to fit.
		return &table{vars: append(t.names(rest), name)}
	}
	return out
}

// sNamesEnv binds the names of the columns cols to their values in row.
func sNamesEnv(t *table, cols []int, row []float64) map[string]float64 {
	env := make(map[string]float64, len(cols))
	for _, c := range cols {
		env[t.vars[c]] = row[c]
	}
	return env
}

// fit runs symbolic regression on the table's distinct rows with an exact tolerance; ok only if
// the expression found equals every target.
func (s *search) fit(t *table) (program.Expr, bool) {
	if len(t.rows) == 0 || s.fits >= s.opts.MaxFits {
		return nil, false
	}
	s.fits++
	res, err := symreg.Fit(t.rows, t.y, t.vars, symreg.Options{
		Unary: s.opts.Unary, Binary: s.opts.Binary, MaxComplexity: s.opts.MaxComplexity,
		RelTol: 1e-12, Integer: true, Seed: s.opts.Seed, MaxEvals: s.opts.FitEvals,
	})
	if err != nil || !res.Found || !exact(res.Best.Expr, t) {
		return nil, false
	}
	return res.Best.Expr, true
}

// exact reports whether e equals the target on every row of t.
func exact(e program.Expr, t *table) bool {
	for i, row := range t.rows {
		if !same(eval(e, sNamesEnv(t, t.without(), row)), t.y[i]) {
			return false
		}
	}
	return true
}

// eval evaluates e with the IR's semantics.
func eval(e program.Expr, env map[string]float64) float64 {
	return program.EvalExpr(e, func(name string) float64 { return env[name] })
}

// stripAffine removes outer negations, additions and subtractions of constants, and
// multiplications by nonzero constants: they map the classes one to one, so the inner
// expression separates them as well, and F absorbs the map.
func stripAffine(e program.Expr) program.Expr {
	for {
		if u, ok := e.(program.Unary); ok && u.Op == program.Neg {
			e = u.X
			continue
		}
		b, ok := e.(program.Binary)
		if !ok {
			return e
		}
		cx, xc := b.X.(program.Const)
		cy, yc := b.Y.(program.Const)
		switch {
		case (b.Op == program.Add || b.Op == program.Sub) && yc:
			e = b.X
		case (b.Op == program.Add || b.Op == program.Sub) && xc:
			e = b.Y
		case b.Op == program.Mul && yc && cy.Value != 0:
			e = b.X
		case b.Op == program.Mul && xc && cx.Value != 0:
			e = b.Y
		default:
			return e
		}
	}
}

// labellings returns the permutations of 0..n-1 (all of them up to n = 3; for larger n those
// whose first element is below the last, since a reversal is an affine map).
func labellings(n int) [][]int {
	var out [][]int
	var rec func(p []int, used uint)
	rec = func(p []int, used uint) {
		if len(p) == n {
			if n <= 3 || p[0] < p[n-1] {
				out = append(out, slices.Clone(p))
			}
			return
		}
		for v := range n {
			if used&(1<<v) == 0 {
				rec(append(p, v), used|1<<v)
			}
		}
	}
	rec(nil, 0)
	return out
}
