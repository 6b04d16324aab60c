package evaluation

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
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

// collect adds coef·e to terms, expanded into a sum of monomials: sums, differences, negations,
// products, squares and divisions by a constant are multiplied out (so that van der Pol's
// μ·(1 − x²)·(x − x[t−1]) reads as the true law's four monomials), and what remains, an input,
// an attention read or a nonlinear function of them (sin(theta[t])), is a factor. A monomial is
// keyed by its factors, sorted, with powers (x[t]²·x[t−1], k[t]·x[t]; "1" for the constant).
// exprs, when not nil, gets each monomial's expression (the constant term's is Const 1).
func collect(e program.Expr, coef float64, terms map[string]float64, exprs map[string]program.Expr) {
	for key, m := range expand(e) {
		terms[key] += coef * m.coef
		if exprs != nil {
			exprs[key] = product(m.factors)
		}
	}
}

// maxMonomials bounds an expansion: a product of sums larger than this stays one factor.
const maxMonomials = 64

// monomial is coef times the product of factors (sorted by their printed names).
type monomial struct {
	coef    float64
	factors []factor
}

// factor is an expression that expand does not multiply out, with its printed name.
type factor struct {
	name string
	expr program.Expr
}

// expand writes e as a sum of monomials, keyed as collect describes.
func expand(e program.Expr) map[string]monomial {
	switch e := e.(type) {
	case program.Const:
		return map[string]monomial{"1": {coef: e.Value}}
	case program.Unary:
		switch e.Op {
		case program.Neg:
			return scale(expand(e.X), -1)
		case program.Square:
			if p, ok := multiply(expand(e.X), expand(e.X)); ok {
				return p
			}
		}
	case program.Binary:
		switch e.Op {
		case program.Add:
			return add(expand(e.X), expand(e.Y), 1)
		case program.Sub:
			return add(expand(e.X), expand(e.Y), -1)
		case program.Mul:
			if p, ok := multiply(expand(e.X), expand(e.Y)); ok {
				return p
			}
		case program.Div:
			if k, ok := e.Y.(program.Const); ok && k.Value != 0 {
				return scale(expand(e.X), 1/k.Value)
			}
		}
	}
	name := lawTerm(e)
	if c, ok := centralTerm(e); ok {
		name = c
	}
	f := []factor{{name, e}}
	return map[string]monomial{monomialKey(f): {coef: 1, factors: f}}
}

// centralTerm names an inverse-square central term a / (√(u² + v²)·(u² + v²)), with a one of
// u and v, as the laws write it: "x[t]/|(x[t], y[t])|³" (the pair sorted).
func centralTerm(e program.Expr) (string, bool) {
	div, ok := e.(program.Binary)
	if !ok || div.Op != program.Div {
		return "", false
	}
	den, ok := div.Y.(program.Binary)
	if !ok || den.Op != program.Mul {
		return "", false
	}
	root, ok := den.X.(program.Unary)
	if !ok || root.Op != program.Sqrt || program.FormatExpr(root.X) != program.FormatExpr(den.Y) {
		return "", false
	}
	sum, ok := den.Y.(program.Binary)
	if !ok || sum.Op != program.Add {
		return "", false
	}
	var names []string
	for _, sq := range []program.Expr{sum.X, sum.Y} {
		u, ok := sq.(program.Unary)
		if !ok || u.Op != program.Square {
			return "", false
		}
		names = append(names, lawTerm(u.X))
	}
	a := lawTerm(div.X)
	if a != names[0] && a != names[1] {
		return "", false
	}
	sort.Strings(names)
	return a + "/|(" + names[0] + ", " + names[1] + ")|³", true
}

// scale multiplies every coefficient of a by c.
func scale(a map[string]monomial, c float64) map[string]monomial {
	for k, m := range a {
		m.coef *= c
		a[k] = m
	}
	return a
}

// add is a + sign·b.
func add(a, b map[string]monomial, sign float64) map[string]monomial {
	for k, m := range b {
		sum := a[k]
		sum.coef += sign * m.coef
		sum.factors = m.factors
		a[k] = sum
	}
	return a
}

// multiply is a·b multiplied out; false when it would have more than maxMonomials terms.
func multiply(a, b map[string]monomial) (map[string]monomial, bool) {
	if len(a)*len(b) > maxMonomials {
		return nil, false
	}
	out := map[string]monomial{}
	for _, x := range a {
		for _, y := range b {
			f := append(append([]factor{}, x.factors...), y.factors...)
			sort.SliceStable(f, func(i, j int) bool { return f[i].name < f[j].name })
			key := monomialKey(f)
			m := out[key]
			m.coef += x.coef * y.coef
			m.factors = f
			out[key] = m
		}
	}
	return out, true
}

// monomialKey prints sorted factors as a product with powers: "x[t]²·x[t−1]", "1" for none.
func monomialKey(f []factor) string {
	if len(f) == 0 {
		return "1"
	}
	var parts []string
	for i := 0; i < len(f); {
		j := i
		for j < len(f) && f[j].name == f[i].name {
			j++
		}
		parts = append(parts, f[i].name+power(j-i))
		i = j
	}
	return strings.Join(parts, "·")
}

// power is the superscript of an exponent ("" for 1).
func power(n int) string {
	if n == 1 {
		return ""
	}
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteString(string([]rune(digits)[d-'0']))
	}
	return b.String()
}

// product is the product of factors' expressions (1 when there are none).
func product(factors []factor) program.Expr {
	if len(factors) == 0 {
		return program.Const{Value: 1}
	}
	e := factors[0].expr
	for _, f := range factors[1:] {
		e = program.Binary{Op: program.Mul, X: e, Y: f.expr}
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

// CompareLaw reads a program's law in the system's notation and compares it with the true
// one: Recovered, Constants, MaxConstantError, TermMissing and ExtraTerms, without a model or
// roll-outs (what the noise study measures, see figures).
func CompareLaw(sys *physics.System, p *program.Program) *Result {
	ev := &Result{System: sys.Name, TrueLaw: sys.Law, Program: program.Format(p)}
	ev.compareConstants(sys, p, nil)
	return ev
}
