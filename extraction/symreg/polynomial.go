package symreg

import (
	"math"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Sparse laws over a library of terms: β·m + b over a few terms m, each a monomial of the
// variables of degree up to maxDegree, the sine or cosine of one variable, or the component
// a/(a² + b²)^(3/2) of an inverse-square central force on a pair of variables, chosen from all of
// them by best subset (small sizes) and backward elimination (the sparse regression of SINDy,
// Brunton, Proctor and Kutz 2016, whose libraries are polynomials and trigonometric terms).
//
// Why: a mechanical law with a polynomial force becomes, one step at a time, a polynomial of
// the same degree in the observations. Symplectic Euler with the velocity read from two
// observations, v = (x[t] − x[t−1])/dt, gives x[t+1] = 2·x[t] − x[t−1] + dt²·a(x[t], v), and
// substituting v keeps a's degree: a cubic spring (Duffing, a double well) gives x[t]³, a
// cubic damping (van der Pol, μ·(1 − x²)·v) gives x[t]³ and x[t]²·x[t−1] too; a periodic
// potential gives a sine (a pendulum's −(g/L)·sin θ), beside a damping's x[t−1] and a
// driving force's input (four terms); an inverse-square central force gives x/|(x, y)|³.
// Such a law is a sum of three to five terms whose enumeration alone reaches only at
// complexity 15–22, beyond any budget; the linear
// templates combine at most two sub-expressions with two variables. Fitting every term at
// once and keeping the best few offers each sparse law; the choice among them stays the
// table's (simplest within tolerance).
//
// Only when Options.Laws is set, for real-valued targets and at most maxPolyVars variables
// (31 terms for 3 variables, 54 for 4): the data must be able to pin many coefficients at once.

// maxDegree is the largest degree of a monomial.
const maxDegree = 3

// maxPolyVars bounds the variables of the polynomial template.
const maxPolyVars = 4

// polyTerm is a feature of the template: a monomial, a product of variables.
type polyTerm struct {
	vec  []float64
	expr program.Expr
}

// sparsePolynomial runs the template: the library's terms (monomials of degree 1..maxDegree,
// sin and cos of each variable) fitted together; for each number of terms up to maxExhaustive,
// the subset that fits best of all subsets of that size (the terms of one sample are nearly
// collinear, x[t]³ and x[t]²·x[t−1] when x[t−1] ≈ x[t], so a greedy path can keep the wrong one
// of two); beyond, backward elimination from the full set. Each subset is offered by fitLinear.
func (s *searcher) sparsePolynomial() {
	cfg := s.cfg
	if !cfg.Laws || cfg.Integer || len(s.vars) < 1 || len(s.vars) > maxPolyVars || !(cfg.canPlus && cfg.canSub && cfg.canMul) {
		return
	}
	terms := s.independent(append(append(s.monomials(), s.periodic()...), s.central()...))
	if len(terms) < 3 {
		return
	}
	lf := s.newLinFit(termVecs(terms))
	offer := func(in []bool) {
		var sf [][]float64
		var se []program.Expr
		for i, t := range terms {
			if in[i] {
				sf, se = append(sf, t.vec), append(se, t.expr)
			}
		}
		s.fitLinear(sf, se) // offers the subset when it is simple and good enough
	}
	exhaustive := 1
	for size := 2; size <= maxExhaustive && size < len(terms) && binomial(len(terms), size) <= maxSubsets; size++ {
		if in, ok := s.bestSubset(lf, len(terms), size); ok {
			offer(in)
		}
		exhaustive = size
	}
	in := make([]bool, len(terms))
	for i := range in {
		in[i] = true
	}
	for left := len(terms); left > exhaustive; left-- {
		if !s.tick() {
			return
		}
		offer(in)
		drop, best := -1, math.Inf(1)
		for i := range terms {
			if !in[i] {
				continue
			}
			in[i] = false
			if m, ok := s.subsetMSE(lf, in); ok && m < best {
				drop, best = i, m
			}
			in[i] = true
		}
		if drop < 0 {
			return
		}
		in[drop] = false
	}
}

// maxExhaustive is the largest number of terms whose subsets are all tried, and
// maxSubsets the most subsets of one size: all sizes up to 5 of the 15 terms of two variables
// (3,003 subsets of 5), up to 4 of the 31 of three (31,465) and up to 3 of the 54 of four
// (24,804).
const (
	maxExhaustive = 5
	maxSubsets    = 50000
)

// binomial is n choose k.
func binomial(n, k int) int {
	c := 1
	for i := 1; i <= k; i++ {
		c = c * (n - k + i) / i
	}
	return c
}

// bestSubset returns the subset of size k of the m monomials with the lowest MSE.
func (s *searcher) bestSubset(lf *linFit, m, k int) ([]bool, bool) {
	var best []bool
	bestMSE := math.Inf(1)
	in := make([]bool, m)
	var rec func(start, left int)
	rec = func(start, left int) {
		if left == 0 {
			if mse, ok := s.subsetMSE(lf, in); ok && mse < bestMSE {
				bestMSE, best = mse, append([]bool(nil), in...)
			}
			return
		}
		for i := start; i <= m-left; i++ {
			in[i] = true
			rec(i+1, left-1)
			in[i] = false
		}
	}
	rec(0, k)
	return best, best != nil
}

// subsetMSE is the least-squares MSE of the monomials in in (the others held at 0).
func (s *searcher) subsetMSE(lf *linFit, in []bool) (float64, bool) {
	beta, ok := s.solveSubset(lf, in)
	if !ok {
		return 0, false
	}
	return s.linMSE(lf, beta, s.ym-dot(beta, lf.fm)), true
}

// termVecs are the monomials' values.
func termVecs(terms []polyTerm) [][]float64 {
	vecs := make([][]float64, len(terms))
	for i, t := range terms {
		vecs[i] = t.vec
	}
	return vecs
}

// independent keeps the terms, in order, that are not linear combinations of those kept
// before them: two variables that read the same value (two heads with one pointer) give equal
// columns, and a singular system would stop the elimination.
func (s *searcher) independent(terms []polyTerm) []polyTerm {
	lf := s.newLinFit(termVecs(terms))
	in := make([]bool, len(terms))
	var kept []polyTerm
	for i, t := range terms {
		in[i] = true
		if _, ok := s.solveSubset(lf, in); !ok {
			in[i] = false
			continue
		}
		kept = append(kept, t)
	}
	return kept
}

// solveSubset solves the least squares of lf with the features outside in held at 0.
func (s *searcher) solveSubset(lf *linFit, in []bool) ([]float64, bool) {
	for i := range in {
		lf.fix[i], lf.val[i] = !in[i], 0
	}
	beta, ok := lf.solve()
	for i := range in {
		lf.fix[i] = false
	}
	return beta, ok
}

// monomials lists the products of 1..maxDegree variables (with repetition) on the search
// sample, written as the enumeration would: x, square(x), x * y, x * square(x), square(x) * y,
// x * y * z.
func (s *searcher) monomials() []polyTerm {
	k := len(s.vars)
	var out []polyTerm
	var rec func(start int, idx []int)
	rec = func(start int, idx []int) {
		if len(idx) > 0 {
			out = append(out, s.monomial(idx))
		}
		if len(idx) == maxDegree {
			return
		}
		for j := start; j < k; j++ {
			rec(j, append(idx, j))
		}
	}
	rec(0, nil)
	return out
}

// periodic lists sin and cos of each variable (those of the two the options allow): a force
// derived from a periodic potential (a pendulum's −(g/L)·sin θ) adds such a term to the law.
func (s *searcher) periodic() []polyTerm {
	var out []polyTerm
	for _, op := range []program.UnaryOp{program.Sin, program.Cos} {
		if !s.cfg.hasU[op] {
			continue
		}
		for j, name := range s.vars {
			vec := make([]float64, s.n)
			for r := range vec {
				vec[r] = program.ApplyUnary(op, s.cols[j][r])
			}
			out = append(out, polyTerm{vec: vec, expr: program.Unary{Op: op, X: program.Var{Name: name}}})
		}
	}
	return out
}

// central lists, for each ordered pair of variables (a, b), a/(a² + b²)^(3/2): the component
// along a of an inverse-square central force (gravity, electrostatics) on a position (a, b),
// −k·p/|p|³, which no monomial or periodic term writes.
func (s *searcher) central() []polyTerm {
	if !s.cfg.hasU[program.Sqrt] || !s.cfg.hasU[program.Square] || !s.cfg.hasB[program.Div] {
		return nil
	}
	var out []polyTerm
	for i, a := range s.vars {
		for j, b := range s.vars {
			if i == j {
				continue
			}
			r2 := program.Binary{Op: program.Add, X: program.Unary{Op: program.Square, X: program.Var{Name: a}},
				Y: program.Unary{Op: program.Square, X: program.Var{Name: b}}}
			cube := program.Binary{Op: program.Mul, X: program.Unary{Op: program.Sqrt, X: r2}, Y: r2}
			e := program.Binary{Op: program.Div, X: program.Var{Name: a}, Y: cube}
			vec := make([]float64, s.n)
			for r := range vec {
				x, y := s.cols[i][r], s.cols[j][r]
				q := program.ApplyBinary(program.Add, program.ApplyUnary(program.Square, x), program.ApplyUnary(program.Square, y))
				vec[r] = program.ApplyBinary(program.Div, x, program.ApplyBinary(program.Mul, program.ApplyUnary(program.Sqrt, q), q))
			}
			out = append(out, polyTerm{vec: vec, expr: e})
		}
	}
	return out
}

// monomial is the product of the variables idx (sorted, with repetition).
func (s *searcher) monomial(idx []int) polyTerm {
	vec := make([]float64, s.n)
	for r := range vec {
		vec[r] = 1
		for _, j := range idx {
			vec[r] *= s.cols[j][r]
		}
	}
	var expr program.Expr
	for i := 0; i < len(idx); {
		n := 1
		for i+n < len(idx) && idx[i+n] == idx[i] {
			n++
		}
		f := s.power(s.vars[idx[i]], n)
		if expr == nil {
			expr = f
		} else {
			expr = program.Binary{Op: program.Mul, X: expr, Y: f}
		}
		i += n
	}
	return polyTerm{vec: vec, expr: expr}
}

// power writes name^n (n <= maxDegree) as the enumeration would: x, square(x), x * square(x),
// or products of x when square is not an allowed operator.
func (s *searcher) power(name string, n int) program.Expr {
	v := program.Var{Name: name}
	var e program.Expr = v
	if n >= 2 && s.cfg.hasU[program.Square] {
		e = program.Unary{Op: program.Square, X: v}
		if n == 3 {
			e = program.Binary{Op: program.Mul, X: v, Y: e}
		}
		return e
	}
	for range n - 1 {
		e = program.Binary{Op: program.Mul, X: e, Y: v}
	}
	return e
}
