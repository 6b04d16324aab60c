package symreg

import (
	"math"
	"slices"

	"github.com/discretetransformer/w2c/extraction/program"
)

// entry is a final candidate: a*base + b (the constant b when a == 0).
type entry struct {
	ref      baseRef
	expr     program.Expr
	cplx     int
	a, b     float64
	mse      float64 // on the search sample until verified, then over all samples
	verified bool
	integral bool // every output (over all samples) is an integer; set by verify
	seq      int  // discovery order, the last tie-break
}

// fstats are the weighted moments of a feature f on the search sample: its mean fm, and with
// g = f - fm, Σw g² and Σw g (y - ym). Every affine fit a*f + b follows in O(1):
//
//	MSE(a, b) = (Σw yc² - 2a Σw g yc + a² Σw g²)/W + (b - ym + a fm)² + pure.
type fstats struct{ fm, sgg, sgy float64 }

func (s *searcher) stats(v []float64) fstats {
	if len(v) == 0 {
		return fstats{}
	}
	w := s.w[:len(v)]
	yc := s.yc[:len(v)]
	// One pass on f − k, k = f[0] (a sample value, which keeps the shifted sums well
	// conditioned); Σ w yc = 0 by construction.
	k := v[0]
	var s1, s2, sy float64
	for i, x := range v {
		d := x - k
		wd := w[i] * d
		s1 += wd
		s2 += wd * d
		sy += wd * yc[i]
	}
	m := s1 / s.wsum
	sgg := s2 - s1*m
	if sgg < 0 {
		sgg = 0
	}
	return fstats{fm: k + m, sgg: sgg, sgy: sy - m*s.ycsum}
}

func (s *searcher) mseAB(st *fstats, a, b float64) float64 {
	r := s.syy - 2*a*st.sgy + a*a*st.sgg
	if r < 0 {
		r = 0
	}
	d := b - s.ym + a*st.fm
	return r/s.wsum + d*d + s.pure
}

// optMSE is the error of the best affine fit of a feature.
func (s *searcher) optMSE(st *fstats) float64 {
	if st.sgg <= 0 {
		return s.syy/s.wsum + s.pure
	}
	r := s.syy - st.sgy*st.sgy/st.sgg
	if r < 0 {
		r = 0
	}
	return r/s.wsum + s.pure
}

// accept says whether a simpler constant with error m may replace the optimum with error ref:
// always when the loss is round-off; with Integer when m stays within tolerance; otherwise
// when it uses at most a tenth of the remaining headroom below the tolerance.
func (s *searcher) accept(m, ref float64) bool {
	if m <= ref*(1+1e-9)+s.eps {
		return true
	}
	if s.cfg.Integer {
		return m <= s.tol
	}
	return ref < s.tol && m <= ref+0.1*(s.tol-ref)
}

// snap returns the simplest rational p/q near v (q from the configured list, in order) whose
// error mse(p/q) is acceptable against mse(v), or v itself.
func (s *searcher) snap(v float64, nonzero bool, mse func(float64) float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	ref := math.NaN()
	win := 0.05 * math.Max(1, math.Abs(v))
	var tried [4]float64
	nt := 0
outer:
	for _, q := range s.cfg.qs {
		fq := float64(q)
		c := math.Round(v*fq) / fq
		if c == v {
			return v
		}
		if (nonzero && c == 0) || math.Abs(c-v) > win {
			continue
		}
		for _, t := range tried[:nt] {
			if t == c {
				continue outer
			}
		}
		if nt < len(tried) {
			tried[nt] = c
			nt++
		}
		if math.IsNaN(ref) {
			ref = mse(v)
		}
		if s.accept(mse(c), ref) {
			return c
		}
	}
	return v
}

// affineCost is the number of nodes the wrapper a*f + b adds to f, and whether the allowed
// operators can express it (see affineExpr).
func (c *config) affineCost(a, b float64) (int, bool) {
	switch {
	case a == 1 && b == 0:
		return 0, true
	case a == -1 && b == 0:
		if c.canNeg {
			return 1, true
		}
		return 2, c.canMul || c.canSub
	case a == 1:
		return 2, c.canAdd
	case a == -1:
		switch {
		case c.canSub:
			return 2, true
		case c.canNeg && c.canPlus:
			return 3, true
		}
		return 4, c.canMul && c.canPlus
	case b == 0:
		return 2, c.canMul
	}
	return 4, c.canMul && c.canAdd
}

// affineExpr builds a*f + b in the forms counted by affineCost: f; -f; f + b (f − |b| when
// b < 0); b − f; a*f; a*f + b (a*f − |b| when b < 0). a == 0 gives the constant b.
func (c *config) affineExpr(f program.Expr, a, b float64) program.Expr {
	k := func(v float64) program.Expr { return program.Const{Value: v} }
	plus := func(x program.Expr, b float64) program.Expr {
		if (b < 0 && c.canSub) || !c.canPlus {
			return program.Binary{Op: program.Sub, X: x, Y: k(-b)}
		}
		return program.Binary{Op: program.Add, X: x, Y: k(b)}
	}
	switch {
	case a == 0:
		return k(b)
	case a == 1 && b == 0:
		return f
	case a == -1 && b == 0:
		switch {
		case c.canNeg:
			return program.Unary{Op: program.Neg, X: f}
		case c.canMul:
			return program.Binary{Op: program.Mul, X: k(-1), Y: f}
		}
		return program.Binary{Op: program.Sub, X: k(0), Y: f}
	case a == 1:
		return plus(f, b)
	case a == -1:
		switch {
		case c.canSub:
			return program.Binary{Op: program.Sub, X: k(b), Y: f}
		case c.canNeg && c.canPlus:
			return program.Binary{Op: program.Add, X: program.Unary{Op: program.Neg, X: f}, Y: k(b)}
		}
		return program.Binary{Op: program.Add, X: program.Binary{Op: program.Mul, X: k(-1), Y: f}, Y: k(b)}
	case b == 0:
		return program.Binary{Op: program.Mul, X: k(a), Y: f}
	}
	return plus(program.Binary{Op: program.Mul, X: k(a), Y: f}, b)
}

// offer submits the feature (with moments st, base expression ref of complexity base) as the
// final candidates f, f + b, a*f and a*f + b, with fitted and snapped constants. It returns the
// error of the unconstrained best affine fit (which templates use to choose inner constants).
func (s *searcher) offer(st *fstats, ref baseRef, base int) float64 {
	cfg := s.cfg
	opt := s.optMSE(st)
	if base > s.useful || !(opt < s.thresh[base]) {
		return opt
	}
	var done [4][2]float64
	nd := 0
	try := func(a, b float64) {
		for _, p := range done[:nd] {
			if p[0] == a && p[1] == b {
				return
			}
		}
		done[nd] = [2]float64{a, b}
		nd++
		s.tryAB(st, ref, base, a, b)
	}
	try(1, 0)
	if cfg.canAdd {
		try(1, s.snap(s.ym-st.fm, false, func(b float64) float64 { return s.mseAB(st, 1, b) }))
	}
	if st.sgg > 0 {
		den := st.sgg/s.wsum + st.fm*st.fm
		a0 := (st.sgy/s.wsum + st.fm*s.ym) / den
		if a0 != 0 {
			try(s.snap(a0, true, func(a float64) float64 { return s.mseAB(st, a, 0) }), 0)
		}
		if cfg.canAdd {
			aOpt := st.sgy / st.sgg
			if aOpt != 0 {
				a := s.snap(aOpt, true, func(a float64) float64 { return s.mseAB(st, a, s.ym-a*st.fm) })
				b := s.snap(s.ym-a*st.fm, false, func(b float64) float64 { return s.mseAB(st, a, b) })
				try(a, b)
			}
		}
	}
	return opt
}

func (s *searcher) tryAB(st *fstats, ref baseRef, base int, a, b float64) {
	if a == 0 || math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return
	}
	cost, ok := s.cfg.affineCost(a, b)
	if !ok {
		return
	}
	c := base + cost
	if c > s.useful {
		return
	}
	s.insert(c, s.mseAB(st, a, b), ref, a, b)
}

// offerConst submits the best constant (the mean, snapped).
func (s *searcher) offerConst() {
	d := s.full
	m := func(b float64) float64 { r := b - d.ym; return d.varY + r*r }
	b := s.snap(d.ym, false, m)
	s.insert(1, m(b), baseRef{kind: refNone}, 0, b)
}

// offerExpr submits a ready-made expression e (its own complexity) with error m.
func (s *searcher) offerExpr(e program.Expr, m float64) {
	c := program.ExprSize(e)
	if c <= s.useful {
		s.insert(c, m, baseRef{kind: refExpr, e: e}, 1, 0)
	}
}

// insert puts a candidate into the table when it can matter: it must beat the worst of the
// tableK kept at its complexity and every simpler one. A candidate that may be within
// tolerance and is no more complex than the best verified one is verified at once, so that
// the search can stop as soon as the simplest is proven.
func (s *searcher) insert(c int, m float64, ref baseRef, a, b float64) {
	if !(m < s.acceptAt(c)) {
		return
	}
	e := entry{ref: ref, cplx: c, a: a, b: b, mse: m, seq: s.seq}
	s.seq++
	if ref.kind == refNone {
		e.expr = program.Const{Value: b}
	} else {
		e.expr = s.cfg.affineExpr(s.build(ref), a, b)
	}
	if m <= 2*s.tol+s.eps && c <= s.bestC {
		s.verify(&e)
		s.noteVerified(&e)
	}
	row := s.table[c]
	pos, _ := slices.BinarySearchFunc(row, e.mse, func(x entry, m float64) int {
		if x.mse <= m {
			return -1
		}
		return 1
	})
	row = slices.Insert(row, pos, e)
	if len(row) > tableK {
		row = row[:tableK]
	}
	s.table[c] = row
	s.updateThresh()
}

// noteVerified updates the simplest verified complexity within tolerance and with it the
// largest complexity still worth searching (s.useful): once an expression within tolerance
// has complexity C, only simpler ones can be chosen, except that an equally simple one with a
// lower error wins the tie; when the one found is comfortably within tolerance (MSE <=
// tolerance/10, and integer-valued with Integer) ties are not sought either.
func (s *searcher) noteVerified(e *entry) {
	if e.mse > s.tol || e.cplx > s.bestC {
		return
	}
	comfy := e.mse <= s.tol/10 && (e.integral || !s.cfg.Integer)
	if e.cplx < s.bestC {
		s.bestC, s.comfy = e.cplx, comfy
	} else {
		s.comfy = s.comfy || comfy
	}
	s.useful = s.bestC
	if s.comfy {
		s.useful--
	}
}

// acceptAt is the MSE an entry of complexity c must beat.
func (s *searcher) acceptAt(c int) float64 {
	t := math.Inf(1)
	if row := s.table[c]; len(row) == tableK {
		t = row[tableK-1].mse
	}
	for cc := 1; cc < c; cc++ {
		if row := s.table[cc]; len(row) > 0 && row[0].mse < t {
			t = row[0].mse
		}
	}
	return t
}

func (s *searcher) updateThresh() {
	maxC := s.cfg.MaxComplexity
	s.thresh[maxC+1] = math.Inf(-1)
	bestBelow := math.Inf(1)
	acc := make([]float64, maxC+1)
	for c := 1; c <= maxC; c++ {
		t := bestBelow
		if row := s.table[c]; len(row) == tableK && row[tableK-1].mse < t {
			t = row[tableK-1].mse
		}
		acc[c] = t
		if row := s.table[c]; len(row) > 0 && row[0].mse < bestBelow {
			bestBelow = row[0].mse
		}
	}
	for c := maxC; c >= 1; c-- {
		s.thresh[c] = math.Max(acc[c], s.thresh[c+1])
	}
	s.thresh[0] = s.thresh[1]
}

// verify measures e over all samples.
func (s *searcher) verify(e *entry) {
	e.verified = true
	v, err := evalVec(e.expr, s.full.env, s.full.m)
	if err != nil {
		e.mse = math.Inf(1)
		return
	}
	e.mse = s.full.mse(v)
	e.integral = true
	for _, x := range v {
		if x != math.Floor(x) {
			e.integral = false
			break
		}
	}
}

// result verifies every kept entry over all samples and assembles the Pareto front and the
// choice.
func (s *searcher) result(nSamples int) *Result {
	var all []entry
	for c := range s.table {
		for i := range s.table[c] {
			e := s.table[c][i]
			if !e.verified {
				s.verify(&e)
			}
			all = append(all, e)
		}
	}
	slices.SortStableFunc(all, func(x, y entry) int {
		switch {
		case x.cplx != y.cplx:
			return x.cplx - y.cplx
		case x.mse < y.mse:
			return -1
		case x.mse > y.mse:
			return 1
		}
		return x.seq - y.seq
	})
	r := &Result{
		Tolerance: s.tol, VarY: s.full.varY, Samples: nSamples, Unique: s.full.m,
		SearchSamples: s.n, Evals: s.evals, Stop: s.stop,
	}
	cand := func(e entry) Candidate { return Candidate{Expr: e.expr, Complexity: e.cplx, MSE: e.mse} }
	bestMSE := math.Inf(1)
	for _, e := range all {
		if e.mse < bestMSE {
			bestMSE = e.mse
			r.Front = append(r.Front, cand(e))
		}
	}
	// The choice: the simplest within tolerance; ties: integer-valued first (Integer), then
	// lower MSE, then discovery order (all is sorted by complexity, MSE, seq).
	chosen := -1
	for i, e := range all {
		if e.mse > s.tol {
			continue
		}
		if chosen < 0 {
			chosen = i
			continue
		}
		if e.cplx != all[chosen].cplx {
			break
		}
		if s.cfg.Integer && e.integral && !all[chosen].integral {
			chosen = i
		}
	}
	if chosen >= 0 {
		r.Found = true
		r.Best = cand(all[chosen])
	} else if len(r.Front) > 0 {
		r.Best = r.Front[len(r.Front)-1]
	}
	return r
}
