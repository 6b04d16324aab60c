package symreg

import (
	"cmp"
	"math"
	"slices"

	"github.com/discretetransformer/w2c/extraction/program"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// Linear combinations β·f + b of several features, fitted by least squares (the
// enumeration alone would reach 2x + 3y only at complexity 7): all the variables together
// (when there are at least two: a wide sub-MLP summing a window of seven pointers), every pair of bank nodes of complexity <= 2, and (stepwise)
// each of the stepwiseTop best single nodes of complexity <= 3 with every other such node.

// linFit holds the centred normal equations of a few features f_a: fm their weighted means,
// g their weighted centred Gram matrix (Σ w·(f_a − fm_a)(f_b − fm_b)) and sv their weighted
// centred products with y. Centring takes the intercept out of the system: it is
// ym − β·fm once β is known. fix and val hold some coefficients at given values (a snapped
// constant, a feature left out of a subset); solve finds the others.
type linFit struct {
	m   int
	fm  []float64
	g   [][]float64
	sv  []float64
	fix []bool
	val []float64

	// solve's workspace, reused: one fit solves many times (once per snapping candidate, once
	// per subset of the polynomial template).
	lu  []float64 // the free block of g, row-major, then its LU factors
	rhs []float64 // the right-hand side, then the solution
	piv []int
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

// collinearPivot bounds the pivots of the elimination, relative to the largest diagonal entry
// of the free features' Gram matrix: a pivot at most this small means a feature is a
// combination of the others up to rounding.
const collinearPivot = 1e-10

// solve returns the least-squares coefficients with the fixed ones held at their values: the
// free ones (f) solve the normal equations G_ff·β_f = sv_f − G_fx·val_x. ok is false when the
// free features are (numerically) collinear; callers rely on it (independent drops such a
// term, the subset searches skip such a subset, fitLinear gives up).
//
// G_ff is symmetric positive semi-definite, the textbook case for Cholesky, but the system is
// solved by LU with partial pivoting, the elimination the search was tuned with: on nearly
// collinear features (condition numbers 1e10 to 1e14, about one solve in a thousand of the
// polynomial template) Cholesky's pivots fall below collinearPivot where partial pivoting's
// do not, and the template would keep other terms. LAPACK's routines are called directly
// (gonum's mat.LU adds a condition estimate and three allocations to each of these small
// solves, which the subset searches make by the ten thousand).
func (lf *linFit) solve() (beta []float64, ok bool) {
	beta = make([]float64, lf.m)
	free := make([]int, 0, lf.m)
	for a := 0; a < lf.m; a++ {
		if lf.fix[a] {
			beta[a] = lf.val[a]
		} else {
			free = append(free, a)
		}
	}
	k := len(free)
	if k == 0 {
		return beta, true
	}
	if lf.lu == nil {
		lf.lu, lf.rhs, lf.piv = make([]float64, lf.m*lf.m), make([]float64, lf.m), make([]int, lf.m)
	}
	a := blas64.General{Rows: k, Cols: k, Stride: k, Data: lf.lu[:k*k]}
	b := blas64.General{Rows: k, Cols: 1, Stride: 1, Data: lf.rhs[:k]}
	var scale float64
	for r, i := range free {
		rhs := lf.sv[i]
		for j, fixed := range lf.fix {
			if fixed {
				rhs -= lf.g[i][j] * lf.val[j]
			}
		}
		b.Data[r] = rhs
		for c, j := range free {
			a.Data[r*k+c] = lf.g[i][j]
		}
		scale = max(scale, math.Abs(lf.g[i][i]))
	}
	lapack64.Getrf(a, lf.piv[:k]) // its result, false on an exactly zero pivot, is in the test below
	for r := range k {
		if !(math.Abs(a.Data[r*k+r]) > collinearPivot*scale) {
			return beta, false
		}
	}
	lapack64.Getrs(blas.NoTrans, a, b, lf.piv[:k])
	for r, i := range free {
		beta[i] = b.Data[r]
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
	ids := s.variableNodes(1)
	ids = ids[:min(len(ids), maxLinearAll)]
	var feats [][]float64
	var exprs []program.Expr
	for _, i := range ids {
		feats = append(feats, s.nodes[i].vec)
		exprs = append(exprs, s.nodes[i].expr)
	}
	if len(feats) >= 2 && s.tick() {
		s.fitLinear(feats, exprs)
	}
}

// variableNodes lists the bank nodes of complexity 1 to maxLevel that are not constants
// (a constant feature is the intercept's job), level by level.
func (s *searcher) variableNodes(maxLevel int) []int32 {
	var ids []int32
	for l := 1; l <= maxLevel && l < len(s.levels); l++ {
		for _, i := range s.levels[l] {
			if !s.nodes[i].isConst {
				ids = append(ids, i)
			}
		}
	}
	return ids
}

// linearPairs fits every pair of bank nodes of complexity 1 and 2.
func (s *searcher) linearPairs() {
	ids := s.variableNodes(2)
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
	ids := s.variableNodes(3)
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
	vars := s.variableNodes(1)
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
