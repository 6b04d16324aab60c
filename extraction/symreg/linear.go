package symreg

import (
	"cmp"
	"math"
	"slices"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Linear combinations β·f + b of several features, fitted by least squares (the
// enumeration alone would reach 2x + 3y only at complexity 7): all the variables together
// (when there are at least two: a wide sub-MLP summing a window of seven pointers), every pair of bank nodes of complexity <= 2, and (stepwise)
// each of the stepwiseTop best single nodes of complexity <= 3 with every other such node.

// linFit holds the centred normal equations of a few features.
type linFit struct {
	m   int
	fm  []float64
	g   [][]float64
	sv  []float64
	fix []bool
	val []float64
}

func (s *searcher) newLinFit(feats [][]float64) *linFit {
	m := len(feats)
	lf := &linFit{m: m, fm: make([]float64, m), g: make([][]float64, m), sv: make([]float64, m),
		fix: make([]bool, m), val: make([]float64, m)}
	for a := range lf.g {
		lf.g[a] = make([]float64, m)
	}
	gt := make([]float64, m)
	for a, f := range feats {
		var sf float64
		for t, x := range f {
			sf += s.w[t] * x
		}
		lf.fm[a] = sf / s.wsum
	}
	for t := 0; t < s.n; t++ {
		for a, f := range feats {
			gt[a] = f[t] - lf.fm[a]
		}
		w := s.w[t]
		for a := 0; a < lf.m; a++ {
			lf.sv[a] += w * gt[a] * s.yc[t]
			for b := a; b < lf.m; b++ {
				lf.g[a][b] += w * gt[a] * gt[b]
			}
		}
	}
	for a := 0; a < lf.m; a++ {
		for b := 0; b < a; b++ {
			lf.g[a][b] = lf.g[b][a]
		}
	}
	return lf
}

// solve returns the least-squares coefficients with the fixed ones held at their values; ok is
// false when the free features are (numerically) collinear.
func (lf *linFit) solve() (beta []float64, ok bool) {
	beta = make([]float64, lf.m)
	var free []int
	for a := 0; a < lf.m; a++ {
		if lf.fix[a] {
			beta[a] = lf.val[a]
		} else {
			free = append(free, a)
		}
	}
	k := len(free)
	A := make([][]float64, k)
	for r := range A {
		A[r] = make([]float64, k+1)
	}
	for r, a := range free {
		rhs := lf.sv[a]
		for b := 0; b < lf.m; b++ {
			if lf.fix[b] {
				rhs -= lf.g[a][b] * lf.val[b]
			}
		}
		for c, b := range free {
			A[r][c] = lf.g[a][b]
		}
		A[r][k] = rhs
	}
	// Gaussian elimination with partial pivoting.
	var scale float64
	for r := 0; r < k; r++ {
		scale = math.Max(scale, math.Abs(A[r][r]))
	}
	for c := 0; c < k; c++ {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(A[r][c]) > math.Abs(A[p][c]) {
				p = r
			}
		}
		if !(math.Abs(A[p][c]) > 1e-10*scale) {
			return beta, false
		}
		A[c], A[p] = A[p], A[c]
		for r := 0; r < k; r++ {
			if r == c {
				continue
			}
			f := A[r][c] / A[c][c]
			for cc := c; cc <= k; cc++ {
				A[r][cc] -= f * A[c][cc]
			}
		}
	}
	for r, a := range free {
		beta[a] = A[r][k] / A[r][r]
	}
	return beta, true
}

func (s *searcher) linMSE(lf *linFit, beta []float64, b float64) float64 {
	r := s.syy
	d := b - s.ym
	for a := 0; a < lf.m; a++ {
		r -= 2 * beta[a] * lf.sv[a]
		for c := 0; c < lf.m; c++ {
			r += beta[a] * lf.g[a][c] * beta[c]
		}
		d += beta[a] * lf.fm[a]
	}
	if r < 0 {
		r = 0
	}
	return r/s.wsum + d*d + s.pure
}

// fitLinear fits, snaps (coefficient by coefficient, re-fitting the others) and offers
// β·f + b over the given features.
func (s *searcher) fitLinear(feats [][]float64, exprs []program.Expr) {
	cfg := s.cfg
	if !(cfg.canPlus && cfg.canSub && cfg.canMul) {
		return
	}
	base := len(feats) - 1
	for _, e := range exprs {
		base += program.ExprSize(e)
	}
	if base > s.useful {
		return
	}
	lf := s.newLinFit(feats)
	beta, ok := lf.solve()
	if !ok {
		return
	}
	opt := s.linMSE(lf, beta, s.ym-dot(beta, lf.fm))

	if !(opt < s.thresh[base]) {
		return
	}
	for k := 0; k < lf.m; k++ {
		c := s.snap(beta[k], false, func(c float64) float64 {
			lf.fix[k], lf.val[k] = true, c
			b, ok := lf.solve()
			lf.fix[k] = false
			if !ok {
				return math.Inf(1)
			}
			return s.linMSE(lf, b, s.ym-dot(b, lf.fm))
		})
		lf.fix[k], lf.val[k] = true, c
		if beta, ok = lf.solve(); !ok {
			return
		}
	}
	b := s.snap(s.ym-dot(beta, lf.fm), false, func(b float64) float64 { return s.linMSE(lf, beta, b) })
	e, ok := linearExpr(beta, exprs, b)
	if !ok {
		return
	}
	s.offerExpr(e, s.linMSE(lf, beta, b))
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// linearExpr builds Σ coef·expr + b: positive terms first (added), then negative ones
// (subtracted), then the constant; a unit coefficient adds no node. ok is false when every
// coefficient is 0 or there are fewer than two terms (single features are the affine wrapper's
// job).
func linearExpr(coef []float64, exprs []program.Expr, b float64) (program.Expr, bool) {
	term := func(c float64, e program.Expr) program.Expr {
		if c == 1 {
			return e
		}
		return program.Binary{Op: program.Mul, X: program.Const{Value: c}, Y: e}
	}
	var acc program.Expr
	nterms := 0
	for k, c := range coef {
		if c > 0 {
			nterms++
			if acc == nil {
				acc = term(c, exprs[k])
			} else {
				acc = program.Binary{Op: program.Add, X: acc, Y: term(c, exprs[k])}
			}
		}
	}
	for k, c := range coef {
		if c < 0 {
			nterms++
			switch {
			case acc != nil:
				acc = program.Binary{Op: program.Sub, X: acc, Y: term(-c, exprs[k])}
			case b > 0:
				acc = program.Binary{Op: program.Sub, X: program.Const{Value: b}, Y: term(-c, exprs[k])}
				b = 0
			default:
				acc = program.Binary{Op: program.Mul, X: program.Const{Value: c}, Y: exprs[k]}
			}
		}
	}
	if nterms < 2 {
		return nil, false
	}
	switch {
	case b > 0:
		acc = program.Binary{Op: program.Add, X: acc, Y: program.Const{Value: b}}
	case b < 0:
		acc = program.Binary{Op: program.Sub, X: acc, Y: program.Const{Value: -b}}
	}
	return acc, true
}

// maxLinearAll bounds the variables that linearAll fits together.
const maxLinearAll = 8

// linearAll fits all the (non-constant) variables together.
func (s *searcher) linearAll() {
	var feats [][]float64
	var exprs []program.Expr
	for _, i := range s.levels[1] {
		if nd := s.nodes[i]; !nd.isConst && len(feats) < maxLinearAll {
			feats = append(feats, nd.vec)
			exprs = append(exprs, nd.expr)
		}
	}
	if len(feats) >= 2 && s.tick() {
		s.fitLinear(feats, exprs)
	}
}

// linearPairs fits every pair of bank nodes of complexity 1 and 2.
func (s *searcher) linearPairs() {
	var ids []int32
	for l := 1; l <= 2 && l < len(s.levels); l++ {
		for _, i := range s.levels[l] {
			if !s.nodes[i].isConst {
				ids = append(ids, i)
			}
		}
	}
	for a := 0; a < len(ids); a++ {
		for b := a + 1; b < len(ids); b++ {
			if !s.tick() {
				return
			}
			na, nb := s.nodes[ids[a]], s.nodes[ids[b]]
			s.fitLinear([][]float64{na.vec, nb.vec}, []program.Expr{na.expr, nb.expr})
		}
	}
}

// stepwiseTop is how many of the best single features linearStepwise pairs with all others.
const stepwiseTop = 12

// linearStepwise pairs the stepwiseTop nodes of complexity <= 3 that fit y best on their own
// (under the affine wrapper) with every other node of complexity <= 3, as in forward stepwise
// regression: it finds sums of two indicators, (x == y) + (y == z), at complexity 7.
func (s *searcher) linearStepwise() {
	var ids []int32
	for l := 1; l <= 3 && l < len(s.levels); l++ {
		for _, i := range s.levels[l] {
			if !s.nodes[i].isConst {
				ids = append(ids, i)
			}
		}
	}
	minC := 1 << 30
	for _, i := range ids {
		minC = min(minC, s.nodes[i].cplx)
	}
	if len(ids) < 2 || 2*minC+1 > s.useful || !(s.cfg.canPlus && s.cfg.canSub && s.cfg.canMul) {
		return
	}
	opt := make([]float64, len(ids))
	for k, i := range ids {
		st := s.stats(s.nodes[i].vec)
		opt[k] = s.optMSE(&st)
	}
	order := make([]int, len(ids))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(opt[a], opt[b]) })
	top := order[:min(stepwiseTop, len(order))]
	isTop := make([]bool, len(ids))
	for _, k := range top {
		isTop[k] = true
	}
	for ti, ka := range top {
		na := s.nodes[ids[ka]]
		for kb := range ids {
			nb := s.nodes[ids[kb]]
			switch {
			case kb == ka,
				na.cplx <= 2 && nb.cplx <= 2,            // done by linearPairs
				isTop[kb] && slices.Index(top, kb) < ti, // done from the other side
				na.cplx+nb.cplx+1 > s.useful:
				continue
			}
			if !s.tick() {
				return
			}
			s.fitLinear([][]float64{na.vec, nb.vec}, []program.Expr{na.expr, nb.expr})
		}
	}
}

// linearVarsPlusOne fits two raw variables (every pair of them) together with each node of
// complexity level, three features in all: the form of a physical one-step law, such as
// 2θ − θ[t−1] − 0.04·sin(θ) or 2x − x[t−1] − 0.01·k·x, which pairs alone cannot reach.
func (s *searcher) linearVarsPlusOne(level int) {
	var vars []int32
	for _, i := range s.levels[1] {
		if !s.nodes[i].isConst {
			vars = append(vars, i)
		}
	}
	if len(vars) < 2 || level >= len(s.levels) || !(s.cfg.canPlus && s.cfg.canSub && s.cfg.canMul) {
		return
	}
	for a := 0; a < len(vars); a++ {
		for b := a + 1; b < len(vars); b++ {
			va, vb := s.nodes[vars[a]], s.nodes[vars[b]]
			for _, i := range s.levels[level] {
				nd := s.nodes[i]
				if nd.isConst {
					continue
				}
				if !s.tick() {
					return
				}
				s.fitLinear([][]float64{va.vec, vb.vec, nd.vec}, []program.Expr{va.expr, vb.expr, nd.expr})
			}
		}
	}
}
