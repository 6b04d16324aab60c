package polish

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Snapping replaces fitted constants by simple values.
//
// Integer-valued tasks (Options.Integer) have exact answers, and the constants of a correct
// program are usually simple rationals. First every constant moves at once to the nearest
// p/q with q <= L, for L = 1, 2, ..., 12, and the first L that reproduces the targets exactly
// (every scored output within Options.ExactTolerance) wins. Otherwise the constants are tried
// one at a time, the one whose nearest simple value is the largest relative change first: a
// constant is set to each of its few nearest simple values (integer first), the constants not
// yet snapped are refitted around it, and the first value that makes the program exact is
// kept; while exactness has not been reached, the value with the lowest loss is kept if the
// loss does not increase.
//
// Real-valued tasks have no exact answer to aim for, so snapping is only cosmetic: a constant
// becomes the simplest p/q (q <= 12) or the shortest decimal within 1e-9 relative of it
// (0.04000000000001 becomes 0.04), and a constant below 1e-12 becomes 0, as long as the loss
// stays within 1e-9 relative (plus 1e-18 of the targets' mean square) of the refined one.
//
// Coefficients equal to a simple fraction p/q are written as quotients (x/3, 2*x/3 rather than
// 0.3333333333333333*x), which floor, round, mod and comparisons need to be exact: x·fl(1/3)
// can fall just below an integer where x/3 does not. For integer tasks every such fraction is
// written so (x/2, 3*x/10); for real-valued tasks only those without a short decimal (0.5*x stays).

// Snapping constants.
const (
	maxDenominator   = 12
	greedyCandidates = 4    // simple values tried per constant in the one-at-a-time pass
	refitIterations  = 20   // Levenberg–Marquardt iterations after each one-at-a-time snap
	greedyPasses     = 3    // passes of the one-at-a-time snapping while one snaps something
	cosmeticRel      = 1e-9 // relative distance of a cosmetic snap
	negligible       = 1e-12
	shortDecimal     = 8     // characters of a decimal that real-valued tasks keep as a product
	lossRelSlack     = 1e-9  // relative loss increase that counts as none
	lossAbsSlack     = 1e-18 // absolute loss increase, relative to the targets' mean square
)

// snapper snaps the constants of a template program on a dataset.
type snapper struct {
	ev   *evaluator
	all  bool    // render every simple fraction as a quotient (integer tasks)
	tol  float64 // exactness tolerance
	stop func() bool
}

// notAbove reports whether loss is not above ref, up to a slack that counts as none.
func (s *snapper) notAbove(loss, ref float64) bool {
	return loss <= ref || loss <= ref*(1+lossRelSlack)+lossAbsSlack*s.ev.data.scale
}

// measure scores the template with constants vals, written as rendered.
func (s *snapper) measure(vals []float64) (measure, error) {
	r, err := s.ev.residualsOf(render(withConsts(s.ev.base, vals), s.all))
	if err != nil {
		return measure{}, err
	}
	return measureOf(r), nil
}

// integer snaps for an integer-valued task.
func (s *snapper) integer(refined []float64) ([]float64, measure, error) {
	cur := append([]float64(nil), refined...)
	cm, err := s.measure(cur)
	if err != nil || len(cur) == 0 {
		return cur, cm, err
	}
	// All at once, to ever finer grids.
	var last []float64
	for level := 1; level <= maxDenominator && !s.stop(); level++ {
		cand := make([]float64, len(cur))
		for i, v := range cur {
			cand[i] = nearestRational(v, level)
		}
		if slices.Equal(cand, last) {
			continue
		}
		last = cand
		m, err := s.measure(cand)
		if err != nil {
			return nil, measure{}, err
		}
		if m.exact(s.tol) {
			return cand, m, nil
		}
	}
	// One at a time, the largest relative change first.
	order := make([]int, len(cur))
	change := make([]float64, len(cur))
	for i, v := range cur {
		order[i] = i
		change[i] = math.Abs(nearestRational(v, maxDenominator)-v) / max(math.Abs(v), 1e-300)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(change[b], change[a]) })
	snapped := make([]bool, len(cur))
	for pass, changed := 0, true; pass < greedyPasses && changed; pass++ {
		changed = false
		for _, i := range order {
			if snapped[i] || s.stop() {
				continue
			}
			ok, err := s.snapOne(i, cur, snapped, &cm)
			if err != nil {
				return nil, measure{}, err
			}
			changed = changed || ok
		}
	}
	return cur, cm, nil
}

// snapOne tries the simple values of constant i, refitting the constants not yet snapped
// around each, and keeps the first (simplest) that makes the program exact or, while it is
// not exact, the one with the lowest loss if that is not above the current loss. It updates
// cur, snapped and cm, and reports a snap.
func (s *snapper) snapOne(i int, cur []float64, snapped []bool, cm *measure) (bool, error) {
	var best []float64
	var bm measure
	for _, v := range simpleCandidates(cur[i]) {
		if v == cur[i] {
			snapped[i] = true
			return true, nil
		}
		if s.stop() {
			break
		}
		trial := append([]float64(nil), cur...)
		trial[i] = v
		free := make([]bool, len(cur))
		anyFree := false
		for j := range free {
			free[j] = !snapped[j] && j != i
			anyFree = anyFree || free[j]
		}
		if anyFree {
			var err error
			trial, _, _, err = s.ev.lm(trial, free, lmSettings{maxIter: refitIterations, stop: s.stop})
			if err != nil {
				return false, err
			}
		}
		m, err := s.measure(trial)
		if err != nil {
			return false, err
		}
		if m.exact(s.tol) {
			best, bm = trial, m
			break
		}
		if !cm.exact(s.tol) && s.notAbove(m.loss, cm.loss) && (best == nil || m.loss < bm.loss) {
			best, bm = trial, m
		}
	}
	if best == nil {
		return false, nil
	}
	copy(cur, best)
	*cm, snapped[i] = bm, true
	return true, nil
}

// real makes the cosmetic snaps of a real-valued task.
func (s *snapper) real(refined []float64) ([]float64, measure, error) {
	cur := append([]float64(nil), refined...)
	ref, err := s.measure(cur)
	if err != nil || len(cur) == 0 {
		return cur, ref, err
	}
	cand := make([]float64, len(cur))
	for i, v := range cur {
		cand[i] = cosmetic(v)
	}
	if slices.Equal(cand, cur) {
		return cur, ref, nil
	}
	m, err := s.measure(cand)
	if err != nil {
		return nil, measure{}, err
	}
	if s.notAbove(m.loss, ref.loss) {
		return cand, m, nil
	}
	cm := ref
	for i := range cur {
		if cand[i] == cur[i] || s.stop() {
			continue
		}
		trial := append([]float64(nil), cur...)
		trial[i] = cand[i]
		m, err := s.measure(trial)
		if err != nil {
			return nil, measure{}, err
		}
		if s.notAbove(m.loss, ref.loss) {
			cur, cm = trial, m
		}
	}
	return cur, cm, nil
}

// nearestRational returns the p/q nearest to v with q <= qmax (the smallest q among ties).
func nearestRational(v float64, qmax int) float64 {
	best, bestD := v, math.Inf(1)
	for q := 1; q <= qmax; q++ {
		s := math.Round(v*float64(q)) / float64(q)
		if d := math.Abs(s - v); d < bestD {
			best, bestD = s, d
		}
	}
	if best == 0 {
		best = 0 // no negative zero
	}
	return best
}

// simpleCandidates lists the values a constant may snap to one at a time: the nearest p/q for
// q <= 1, 2, ..., 12, distinct, at most greedyCandidates of them.
func simpleCandidates(v float64) []float64 {
	var out []float64
	for level := 1; level <= maxDenominator && len(out) < greedyCandidates; level++ {
		if c := nearestRational(v, level); !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// cosmetic returns the simplest value within cosmeticRel relative of v: an integer or p/q
// (q <= 12), else the shortest decimal, else v; 0 for |v| < 1e-12.
func cosmetic(v float64) float64 {
	if math.Abs(v) < negligible {
		return 0
	}
	near := func(c float64) bool { return math.Abs(c-v) <= cosmeticRel*math.Abs(v) }
	for q := 1; q <= maxDenominator; q++ {
		if c := math.Round(v*float64(q)) / float64(q); near(c) {
			return c
		}
	}
	for digits := 1; digits < 17; digits++ {
		c, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', digits, 64), 64)
		if err == nil && near(c) {
			return c
		}
	}
	return v
}

// render writes the coefficients that are simple fractions p/q as quotients: c·X becomes X/q,
// −(X/q) or p·X/q; all of them, or (all false) only those whose decimal form is long.
func render(p *program.Program, all bool) *program.Program {
	return p.MapExprs(func(e program.Expr) program.Expr { return renderExpr(e, all) })
}

// renderExpr rewrites the products by simple fractions in e.
func renderExpr(e program.Expr, all bool) program.Expr {
	return program.Rewrite(e, func(e program.Expr) program.Expr {
		n, ok := e.(program.Binary)
		if !ok || n.Op != program.Mul {
			return e
		}
		c, cok := n.X.(program.Const)
		x := n.Y
		if !cok {
			c, cok = n.Y.(program.Const)
			x = n.X
		}
		if !cok {
			return n
		}
		num, den, ok := fraction(c.Value)
		if !ok || (!all && len(strconv.FormatFloat(c.Value, 'g', -1, 64)) <= shortDecimal) {
			return n
		}
		quotient := func(x program.Expr) program.Expr {
			return program.Binary{Op: program.Div, X: x, Y: program.Const{Value: float64(den)}}
		}
		switch num {
		case 1:
			return quotient(x)
		case -1:
			return program.Unary{Op: program.Neg, X: quotient(x)}
		}
		return quotient(program.Binary{Op: program.Mul, X: program.Const{Value: float64(num)}, Y: x})
	})
}

// fraction returns p and q with v = p/q exactly in float64 (correctly rounded), 2 <= q <= 12
// the smallest such, |p| < 10^6 and p, q coprime.
func fraction(v float64) (int, int, bool) {
	if !isFinite(v) || v == math.Trunc(v) {
		return 0, 0, false
	}
	for q := 2; q <= maxDenominator; q++ {
		p := math.Round(v * float64(q))
		if math.Abs(p) < 1e6 && p/float64(q) == v && gcd(int(math.Abs(p)), q) == 1 {
			return int(p), q, true
		}
	}
	return 0, 0, false
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
