package symreg

import (
	"cmp"
	"math"
	"slices"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Templates with fitted inner constants. For a bank node f of complexity <= maxTemplateBase
// they try, with the inner constant c chosen to fit y best:
//
//	mod(f, c), floor(f/c), round(f/c)   c = 2..MaxInnerInt (integers, bounded by max|f|+1)
//	f > c, f >= c, f < c, f <= c        the best threshold (a regression stump, exact), with c
//	                                    the simplest rational in the split interval
//	f == c (or f != c)                  the best single value
//	min(f, c), max(f, c), abs(f − c)    c among (up to 32) values taken by f
//	min(max(f, lo), hi)                 lo < hi among the same values (see tmplClamp2)
//
// Each fitted feature is offered under the affine wrapper, and the best one of each kind (for
// mod, floor and round also the two sharpest dips, see divisorBlocks) is queued as a building
// block for the enumeration of its complexity. Beyond complexity 3, the templates are applied to
// sums and differences of variables, constants and residues of a variable only (up to
// complexity maxSumBase), for digit-wise arithmetic such as (a + b + carry) mod 10,
// floor((a + b + carry)/10) and the overflow [x + S mod 15 >= 15].
const (
	maxTemplateBase = 3
	maxSumBase      = 7
)

func (s *searcher) templates(L int) {
	if L > maxSumBase || L >= len(s.levels) {
		return
	}
	for _, i := range s.levels[L] {
		if s.stop != "" || L+2 > s.useful {
			return
		}
		if s.nodes[i].isConst || (L > maxTemplateBase && !isSum(s.nodes[i].expr)) {
			continue
		}
		s.tmplIntDivisor(i)
		s.tmplSplit(i)
		s.tmplClamp(i)
	}
}

// isSum reports whether e is built by + and − only from variables, constants and residues of a
// variable (v mod c). Why residues: the carry out of adding x to a running quantity kept mod m
// is a threshold of a sum with a residue, [x + (S mod m) >= m] (a dither's or a counter's
// overflow), and the threshold template reaches it only on such a sum.
func isSum(e program.Expr) bool {
	switch e := e.(type) {
	case program.Var, program.Const:
		return true
	case program.Binary:
		if e.Op == program.Mod {
			_, v := e.X.(program.Var)
			_, c := e.Y.(program.Const)
			return v && c
		}
		return (e.Op == program.Add || e.Op == program.Sub) && isSum(e.X) && isSum(e.Y)
	}
	return false
}

// tryFeature offers a template feature v unless it is degenerate or repeats a bank node (a
// simpler equivalent, already offered). It returns the best affine error (+Inf if skipped).
func (s *searcher) tryFeature(v []float64, ref baseRef, c int) float64 {
	h, _, _, ok := inspect(v, s.big)
	if !ok {
		return math.Inf(1)
	}
	if _, dup := s.seen[h]; dup {
		return math.Inf(1)
	}
	st := s.stats(v)
	return s.offer(&st, ref, c)
}

func (s *searcher) tmplIntDivisor(i int32) {
	cfg := s.cfg
	nd := s.nodes[i]
	base := nd.cplx
	maxAbs := math.Max(math.Abs(nd.lo), math.Abs(nd.hi))
	type family struct {
		ok   bool
		cost int
		ref  func(c float64) baseRef
		cmax int
	}
	lim := func(v float64) int {
		if v > float64(cfg.MaxInnerInt) {
			return cfg.MaxInnerInt
		}
		return int(v)
	}
	fams := []family{
		{cfg.hasB[program.Mod], 2, func(c float64) baseRef { return baseRef{kind: refBinConst, bop: program.Mod, i: i, c: c} }, lim(math.Ceil(maxAbs) + 1)},
		{cfg.hasB[program.Div] && cfg.hasU[program.Floor], 3, func(c float64) baseRef {
			return baseRef{kind: refUnaryBinConst, uop: program.Floor, bop: program.Div, i: i, c: c}
		}, lim(math.Ceil(maxAbs))},
		{cfg.hasB[program.Div] && cfg.hasU[program.Round], 3, func(c float64) baseRef {
			return baseRef{kind: refUnaryBinConst, uop: program.Round, bop: program.Div, i: i, c: c}
		}, lim(math.Ceil(2 * maxAbs))},
	}
	for fi, f := range fams {
		if !f.ok || base+f.cost > s.useful {
			continue
		}
		feature := func(c float64) {
			if fi == 0 {
				binaryConstVec(program.Mod, nd.vec, c, s.scratch)
				return
			}
			binaryConstVec(program.Div, nd.vec, c, s.tmp)
			op := program.Floor
			if fi == 2 {
				op = program.Round
			}
			unaryVec(op, s.tmp, s.scratch)
		}
		mse := make([]float64, f.cmax+1) // by inner constant; +Inf where skipped
		for c := range mse {
			mse[c] = math.Inf(1)
		}
		for c := 2; c <= f.cmax; c++ {
			if !s.tick() {
				return
			}
			feature(float64(c))
			mse[c] = s.tryFeature(s.scratch, f.ref(float64(c)), base+f.cost)
		}
		for _, c := range divisorBlocks(mse) {
			feature(float64(c))
			s.addPending(s.build(f.ref(float64(c))), base+f.cost, s.scratch)
		}
	}
}

// divisorBlocks chooses the inner constants of one kind (mod, floor or round) that become
// building blocks, from the affine error of each (mse[c], +Inf where skipped): the best fit,
// and the two sharpest dips, where c fits better than both c − 1 and c + 1 by the largest margin.
//
// Why dips: a residue that the target reads together with another input fits poorly alone, and
// a large c (one or two wraps over the data's range) that merely bends a smooth trend can fit
// it better. The carry [x > S mod 15] of a dither is explained better by S mod 40 (affine error
// 0.182 of a variance of 0.248) than by S mod 15 (0.189), but S mod 40 fits about as well as
// S mod 39 and S mod 41, whereas S mod 14 and S mod 16 fit far worse than S mod 15 (0.219 and
// 0.220): a true period stands out from its neighbours, and only S mod 15 makes the law exact.
func divisorBlocks(mse []float64) []int {
	best := -1
	for c, m := range mse {
		if !math.IsInf(m, 1) && (best < 0 || m < mse[best]) {
			best = c
		}
	}
	if best < 0 {
		return nil
	}
	type dip struct {
		c     int
		depth float64
	}
	var dips []dip
	for c, m := range mse {
		if c == best || math.IsInf(m, 1) {
			continue
		}
		depth := math.Inf(1)
		for _, n := range []int{c - 1, c + 1} {
			if n >= 0 && n < len(mse) && !math.IsInf(mse[n], 1) {
				depth = math.Min(depth, mse[n]-m)
			}
		}
		if depth > 0 && !math.IsInf(depth, 1) {
			dips = append(dips, dip{c, depth})
		}
	}
	slices.SortStableFunc(dips, func(a, b dip) int { return cmp.Compare(b.depth, a.depth) })
	out := []int{best}
	for _, d := range dips[:min(len(dips), 2)] {
		out = append(out, d.c)
	}
	return out
}

// groups sorts the search sample by v and returns its distinct values with the weight and the
// Σ w (y − ym) of each.
func (s *searcher) groups(v []float64) (gv, gw, gs []float64) {
	idx := s.sortBuf[:0]
	for t := range v {
		idx = append(idx, int32(t))
	}
	slices.SortStableFunc(idx, func(a, b int32) int { return cmp.Compare(v[a], v[b]) })
	s.sortBuf = idx
	for _, t := range idx {
		if len(gv) == 0 || v[t] != gv[len(gv)-1] {
			gv = append(gv, v[t])
			gw = append(gw, 0)
			gs = append(gs, 0)
		}
		gw[len(gw)-1] += s.w[t]
		gs[len(gs)-1] += s.w[t] * s.yc[t]
	}
	return gv, gw, gs
}

// simplest returns the simplest rational p/q (smallest q from the snapping list, then smallest
// |p|) in the interval from lo to hi (ends included as told), and a score (lower is simpler).
func (s *searcher) simplest(lo, hi float64, incLo, incHi bool) (float64, float64) {
	in := func(c float64) bool {
		return (c > lo || (incLo && c == lo)) && (c < hi || (incHi && c == hi))
	}
	for _, q := range s.cfg.qs {
		fq := float64(q)
		pmin, pmax := math.Ceil(lo*fq), math.Floor(hi*fq)
		if !in(pmin / fq) {
			pmin++
		}
		if !in(pmax / fq) {
			pmax--
		}
		if pmin > pmax {
			continue
		}
		p := 0.0
		switch {
		case pmin > 0:
			p = pmin
		case pmax < 0:
			p = pmax
		}
		if c := p / fq; in(c) {
			return c, fq*1e6 + math.Min(math.Abs(p), 1e6-1)
		}
	}
	return (lo + hi) / 2, math.Inf(1)
}

// tmplSplit fits the best threshold f ⋚ c and the best indicator f == c.
func (s *searcher) tmplSplit(i int32) {
	cfg := s.cfg
	nd := s.nodes[i]
	base := nd.cplx
	if base+2 > s.useful {
		return
	}
	cmpOK := cfg.hasB[program.Greater] || cfg.hasB[program.GreaterEq] || cfg.hasB[program.Less] || cfg.hasB[program.LessEq]
	eqOK := cfg.hasB[program.Equal] || cfg.hasB[program.NotEqual]
	if !cmpOK && !eqOK {
		return
	}
	gv, gw, gs := s.groups(nd.vec)
	if len(gv) < 3 { // with two values, any split is an affine image of f itself
		return
	}
	if cmpOK && s.tick() {
		bestGain, bestK := -1.0, -1
		var wl, sl float64
		for k := 0; k < len(gv)-1; k++ {
			wl += gw[k]
			sl += gs[k]
			wr := s.wsum - wl
			if gain := sl*sl/wl + sl*sl/wr; gain > bestGain {
				bestGain, bestK = gain, k
			}
		}
		lo, hi := gv[bestK], gv[bestK+1]
		// The same split four ways; take the simplest constant (first listed on ties).
		type opt struct {
			op           program.BinaryOp
			incLo, incHi bool
		}
		bestScore, bestOp, bestC := math.Inf(1), program.BinaryOp(""), 0.0
		for _, o := range []opt{{program.Greater, true, false}, {program.LessEq, true, false}, {program.GreaterEq, false, true}, {program.Less, false, true}} {
			if !cfg.hasB[o.op] {
				continue
			}
			c, score := s.simplest(lo, hi, o.incLo, o.incHi)
			if bestOp == "" || score < bestScore {
				bestScore, bestOp, bestC = score, o.op, c
			}
		}
		binaryConstVec(bestOp, nd.vec, bestC, s.scratch)
		ref := baseRef{kind: refBinConst, bop: bestOp, i: i, c: bestC}
		if m := s.tryFeature(s.scratch, ref, base+2); !math.IsInf(m, 1) {
			s.addPending(s.build(ref), base+2, s.scratch)
		}
	}
	if eqOK && s.tick() {
		bestGain, bestG := -1.0, -1
		for g := range gv {
			wr := s.wsum - gw[g]
			if gain := gs[g]*gs[g]/gw[g] + gs[g]*gs[g]/wr; gain > bestGain {
				bestGain, bestG = gain, g
			}
		}
		op := program.Equal
		if !cfg.hasB[op] {
			op = program.NotEqual
		}
		c := gv[bestG]
		binaryConstVec(op, nd.vec, c, s.scratch)
		ref := baseRef{kind: refBinConst, bop: op, i: i, c: c}
		if m := s.tryFeature(s.scratch, ref, base+2); !math.IsInf(m, 1) {
			s.addPending(s.build(ref), base+2, s.scratch)
		}
	}
}

// tmplClamp fits min(f, c), max(f, c) and abs(f − c) with c among the interior values of f.
func (s *searcher) tmplClamp(i int32) {
	cfg := s.cfg
	nd := s.nodes[i]
	base := nd.cplx
	type family struct {
		ok   bool
		cost int
		kind int // 0 min, 1 max, 2 abs shift
	}
	shiftOp := program.Sub
	if !cfg.hasB[shiftOp] {
		shiftOp = program.Add
	}
	fams := []family{
		{cfg.hasB[program.Min], 2, 0},
		{cfg.hasB[program.Max], 2, 1},
		{cfg.hasU[program.Abs] && cfg.hasB[shiftOp], 3, 2},
	}
	anyOK := false
	for _, f := range fams {
		anyOK = anyOK || (f.ok && base+f.cost <= s.useful)
	}
	if !anyOK {
		return
	}
	gv, _, _ := s.groups(nd.vec)
	if len(gv) < 3 {
		return
	}
	inner := gv[1 : len(gv)-1]
	var cands []float64
	if len(inner) <= 32 {
		cands = inner
	} else {
		for k := 0; k < 32; k++ {
			cands = append(cands, inner[(2*k+1)*len(inner)/64])
		}
	}
	ref := func(kind int, c float64) baseRef {
		switch kind {
		case 0:
			return baseRef{kind: refBinConst, bop: program.Min, i: i, c: c}
		case 1:
			return baseRef{kind: refBinConst, bop: program.Max, i: i, c: c}
		}
		if shiftOp == program.Add {
			c = -c
		}
		return baseRef{kind: refUnaryBinConst, uop: program.Abs, bop: shiftOp, i: i, c: c}
	}
	feature := func(kind int, c float64, out []float64) {
		switch kind {
		case 0:
			binaryConstVec(program.Min, nd.vec, c, out)
		case 1:
			binaryConstVec(program.Max, nd.vec, c, out)
		default:
			r := ref(kind, c)
			binaryConstVec(r.bop, nd.vec, r.c, s.tmp)
			unaryVec(program.Abs, s.tmp, out)
		}
	}
	fitted := [3]float64{math.NaN(), math.NaN(), math.NaN()} // each family's constant
	for _, f := range fams {
		if !f.ok || base+f.cost > s.useful {
			continue
		}
		bestM, bestC := math.Inf(1), math.NaN()
		for _, c := range cands {
			if !s.tick() {
				return
			}
			feature(f.kind, c, s.scratch)
			if m := s.tryFeature(s.scratch, ref(f.kind, c), base+f.cost); m < bestM {
				bestM, bestC = m, c
			}
		}
		if math.IsNaN(bestC) {
			continue
		}
		// A data value may be ugly (continuous inputs): snap it to a simpler number when the
		// fit allows.
		c := s.snap(bestC, false, func(c float64) float64 {
			feature(f.kind, c, s.tmp2())
			st := s.stats(s.tmp2())
			return s.optMSE(&st)
		})
		feature(f.kind, c, s.best)
		if c != bestC {
			s.tryFeature(s.best, ref(f.kind, c), base+f.cost)
		}
		s.addPending(s.build(ref(f.kind, c)), base+f.cost, s.best)
		fitted[f.kind] = c
	}
	if fams[0].ok && fams[1].ok && base+4 <= s.useful && !math.IsNaN(fitted[0]) && !math.IsNaN(fitted[1]) {
		s.tmplClamp2(i, cands, fitted[1], fitted[0])
	}
}

// tmplClamp2 fits the two-sided clamp min(max(f, lo), hi), lo < hi, of bank node i: a
// saturation, which a ReLU network computes exactly (relu(f − lo) − relu(f − hi) + lo) and the
// one-sided templates and the constant leaves cannot build (its two constants are fitted).
// Coordinate descent from the one-sided fits: hi given lo, then lo given hi, each over the
// candidate values and refined between neighbours (lineSearch), for a few rounds; then both are
// snapped to simpler numbers when the fit allows.
func (s *searcher) tmplClamp2(i int32, cands []float64, lo, hi float64) {
	nd := s.nodes[i]
	feature := func(lo, hi float64, out []float64) {
		binaryConstVec(program.Max, nd.vec, lo, s.tmp)
		binaryConstVec(program.Min, s.tmp, hi, out)
	}
	mse := func(lo, hi float64) float64 {
		if !(lo < hi) {
			return math.Inf(1)
		}
		feature(lo, hi, s.tmp2())
		st := s.stats(s.tmp2())
		return s.optMSE(&st)
	}
	prev := math.Inf(1)
	for round := 0; round < 4; round++ { // coordinate descent: each line search can only lower the error
		if !s.tick() {
			return
		}
		if hi = s.lineSearch(func(c float64) float64 { return mse(lo, c) }, cands); math.IsNaN(hi) {
			return
		}
		if lo = s.lineSearch(func(c float64) float64 { return mse(c, hi) }, cands); math.IsNaN(lo) {
			return
		}
		m := mse(lo, hi)
		if m >= prev*(1-1e-6) {
			break
		}
		prev = m
	}
	lo = s.snap(lo, false, func(c float64) float64 { return mse(c, hi) })
	hi = s.snap(hi, false, func(c float64) float64 { return mse(lo, c) })
	if !(lo < hi) {
		return
	}
	e := program.Binary{Op: program.Min, X: program.Binary{Op: program.Max, X: nd.expr, Y: program.Const{Value: lo}}, Y: program.Const{Value: hi}}
	feature(lo, hi, s.best)
	s.tryFeature(s.best, baseRef{kind: refExpr, e: e}, nd.cplx+4)
	s.addPending(e, nd.cplx+4, s.best)
}

// tmp2 is a second scratch vector (lazily allocated).
func (s *searcher) tmp2() []float64 {
	if len(s.arena2) < s.n {
		s.arena2 = make([]float64, s.n)
	}
	return s.arena2
}
