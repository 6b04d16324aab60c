package evaluation

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/discretetransformer/w2c/extraction/polish"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/physics"
)

// compareConstants reads the outputs of the final program p (constants refitted to the
// simulator's data, see extraction.PolishReport) as sums of coefficient·term, in the notation of
// the system's law (x[t], x[t−1], sin(theta[t]), k[t]·x[t], 1), and compares each coefficient of
// the true law with it and, when fromWeights is not nil, with the weights' (output -> term ->
// coefficient, see weightsLaw).
func (ev *Result) compareConstants(sys *physics.System, p *program.Program, fromWeights map[string]map[string]float64) {
	var recovered map[string]map[string]float64
	recovered, ev.Recovered = readLaw(p)
	if fromWeights != nil {
		for _, out := range p.Outputs {
			if terms, ok := fromWeights[out.Name]; ok {
				ev.RecoveredWeights = append(ev.RecoveredWeights, out.Name+" = "+formatTerms(terms))
			}
		}
	}
	seen := map[string]bool{}
	for _, c := range sys.Coefficients {
		key := c.Output + ": " + c.Term
		seen[key] = true
		got, ok := recovered[c.Output][c.Term]
		con := Constant{Term: key, Formula: c.Formula, True: c.Value, Recovered: got, Missing: !ok}
		con.RelativeError = physics.RelativeError(got, c.Value) // 1 for a missing term (got = 0)
		ev.TermMissing = ev.TermMissing || !ok
		ev.MaxConstantError = math.Max(ev.MaxConstantError, con.RelativeError)
		if fromWeights != nil {
			w, ok := fromWeights[c.Output][c.Term]
			con.Weights = &Estimate{Value: w, RelativeError: physics.RelativeError(w, c.Value), Missing: !ok}
			ev.WeightsTermMissing = ev.WeightsTermMissing || !ok
			ev.MaxWeightsConstantError = math.Max(ev.MaxWeightsConstantError, con.Weights.RelativeError)
		}
		ev.Constants = append(ev.Constants, con)
	}
	ev.ExtraTerms = extraTerms(recovered, seen)
	ev.WeightsExtraTerms = extraTerms(fromWeights, seen)
}

// readLaw reads a program's outputs as output -> term -> coefficient, and prints each output
// as "name = coefficient·term + ...".
func readLaw(p *program.Program) (map[string]map[string]float64, []string) {
	law := map[string]map[string]float64{}
	var lines []string
	for _, out := range p.Outputs {
		e := polish.NormalizeExpr(inline(p, out.Expr), nil)
		terms := map[string]float64{}
		collect(e, 1, terms, nil)
		law[out.Name] = terms
		lines = append(lines, out.Name+" = "+formatTerms(terms))
	}
	return law, lines
}

// extraTerms lists, sorted, the nonzero terms of a law that the true law (seen) does not have.
func extraTerms(law map[string]map[string]float64, seen map[string]bool) []string {
	var extra []string
	for out, terms := range law {
		for term, coef := range terms {
			if !seen[out+": "+term] && coef != 0 {
				extra = append(extra, fmt.Sprintf("%s: %.6g·%s", out, coef, term))
			}
		}
	}
	sort.Strings(extra)
	return extra
}

// inline substitutes the formulas (Assign statements) of p into e, recursively, so that e reads
// only inputs and attention reads.
func inline(p *program.Program, e program.Expr) program.Expr {
	defs := map[string]program.Expr{}
	for _, s := range p.Body {
		if a, ok := s.(program.Assign); ok {
			defs[a.Name] = a.Expr
		}
	}
	var sub func(e program.Expr) program.Expr
	sub = func(e program.Expr) program.Expr {
		switch e := e.(type) {
		case program.Var:
			if d, ok := defs[e.Name]; ok {
				return sub(d)
			}
		case program.Unary:
			return program.Unary{Op: e.Op, X: sub(e.X)}
		case program.Binary:
			return program.Binary{Op: e.Op, X: sub(e.X), Y: sub(e.Y)}
		}
		return e
	}
	return sub(e)
}

// collect adds coef·e to terms, splitting sums, differences, negations and products with
// constants; what remains is a term, keyed by its printed form. exprs, when not nil, gets each
// term's expression (the constant term "1" is Const 1).
func collect(e program.Expr, coef float64, terms map[string]float64, exprs map[string]program.Expr) {
	add := func(key string, c float64, term program.Expr) {
		terms[key] += c
		if exprs != nil {
			exprs[key] = term
		}
	}
	switch e := e.(type) {
	case program.Const:
		add("1", coef*e.Value, program.Const{Value: 1})
		return
	case program.Unary:
		if e.Op == program.Neg {
			collect(e.X, -coef, terms, exprs)
			return
		}
	case program.Binary:
		switch e.Op {
		case program.Add:
			collect(e.X, coef, terms, exprs)
			collect(e.Y, coef, terms, exprs)
			return
		case program.Sub:
			collect(e.X, coef, terms, exprs)
			collect(e.Y, -coef, terms, exprs)
			return
		case program.Mul:
			c, names, factors := splitProduct(e)
			add(strings.Join(names, "·"), coef*c, product(factors))
			return
		case program.Div:
			if k, ok := e.Y.(program.Const); ok && k.Value != 0 {
				collect(e.X, coef/k.Value, terms, exprs)
				return
			}
		}
	}
	add(lawTerm(e), coef, e)
}

// splitProduct flattens a product into its constant factor and its other factors, printed and
// sorted (so that x·k and k·x are the same term), with their expressions in the same order.
func splitProduct(e program.Expr) (float64, []string, []program.Expr) {
	c := 1.0
	type factor struct {
		name string
		expr program.Expr
	}
	var factors []factor
	var walk func(e program.Expr)
	walk = func(e program.Expr) {
		if b, ok := e.(program.Binary); ok && b.Op == program.Mul {
			walk(b.X)
			walk(b.Y)
			return
		}
		if k, ok := e.(program.Const); ok {
			c *= k.Value
			return
		}
		factors = append(factors, factor{lawTerm(e), e})
	}
	walk(e)
	sort.SliceStable(factors, func(i, j int) bool { return factors[i].name < factors[j].name })
	if len(factors) == 0 {
		return c, []string{"1"}, nil
	}
	names := make([]string, len(factors))
	exprs := make([]program.Expr, len(factors))
	for i, f := range factors {
		names[i], exprs[i] = f.name, f.expr
	}
	return c, names, exprs
}

// product is the product of factors (1 when there are none).
func product(factors []program.Expr) program.Expr {
	if len(factors) == 0 {
		return program.Const{Value: 1}
	}
	e := factors[0]
	for _, f := range factors[1:] {
		e = program.Binary{Op: program.Mul, X: e, Y: f}
	}
	return e
}

var prevName = regexp.MustCompile(`^prev(\d+)_(.+)$`)

// lawTerm prints an expression in the notation of the physics package's laws: an input v is
// v[t], an attention read prevK_v is v[t−K].
func lawTerm(e program.Expr) string {
	switch e := e.(type) {
	case program.Var:
		if m := prevName.FindStringSubmatch(e.Name); m != nil {
			return m[2] + "[t−" + m[1] + "]"
		}
		if e.Name == program.BuiltinOne {
			return "1"
		}
		return e.Name + "[t]"
	case program.Const:
		return fmt.Sprintf("%g", e.Value)
	case program.Unary:
		return string(e.Op) + "(" + lawTerm(e.X) + ")"
	case program.Binary:
		return "(" + lawTerm(e.X) + " " + string(e.Op) + " " + lawTerm(e.Y) + ")"
	}
	return fmt.Sprint(e)
}

// formatTerms prints coefficient·term sums, the constant last.
func formatTerms(terms map[string]float64) string {
	var keys []string
	for k := range terms {
		if k != "1" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	add := func(c float64, term string) {
		switch {
		case b.Len() == 0 && c < 0:
			b.WriteString("−")
		case b.Len() > 0 && c < 0:
			b.WriteString(" − ")
		case b.Len() > 0:
			b.WriteString(" + ")
		}
		switch {
		case term == "":
			fmt.Fprintf(&b, "%.10g", math.Abs(c))
		case math.Abs(c) == 1:
			b.WriteString(term)
		default:
			fmt.Fprintf(&b, "%.10g·%s", math.Abs(c), term)
		}
	}
	for _, k := range keys {
		add(terms[k], k)
	}
	if c := terms["1"]; c != 0 {
		add(c, "")
	}
	return b.String()
}
