package symreg

import (
	"math"
	"time"

	"github.com/discretetransformer/w2c/extraction/program"
)

// node is one distinct sub-expression of the bank, with its values on the search sample.
type node struct {
	expr    program.Expr
	cplx    int
	vec     []float64
	isConst bool // a constant leaf
	lo, hi  float64
}

// refKind says how to build a candidate's base expression (built lazily: most candidates are
// rejected before their expression is ever needed).
type refKind uint8

const (
	refNone          refKind = iota // the candidate is the constant b
	refExpr                         // e
	refNode                         // nodes[i].expr
	refUnary                        // uop(nodes[i])
	refBinary                       // bop(nodes[i], nodes[j])
	refBinConst                     // bop(nodes[i], c)
	refUnaryBinConst                // uop(bop(nodes[i], c))
)

type baseRef struct {
	kind refKind
	uop  program.UnaryOp
	bop  program.BinaryOp
	i, j int32
	c    float64
	e    program.Expr
}

func (s *searcher) build(r baseRef) program.Expr {
	switch r.kind {
	case refExpr:
		return r.e
	case refNode:
		return s.nodes[r.i].expr
	case refUnary:
		return program.Unary{Op: r.uop, X: s.nodes[r.i].expr}
	case refBinary:
		return program.Binary{Op: r.bop, X: s.nodes[r.i].expr, Y: s.nodes[r.j].expr}
	case refBinConst:
		return program.Binary{Op: r.bop, X: s.nodes[r.i].expr, Y: program.Const{Value: r.c}}
	case refUnaryBinConst:
		return program.Unary{Op: r.uop, X: program.Binary{Op: r.bop, X: s.nodes[r.i].expr, Y: program.Const{Value: r.c}}}
	}
	return nil
}

// searcher holds the state of one Fit.
type searcher struct {
	cfg  *config
	vars []string
	full *dataset

	// The search sample (distinct rows, weighted by count).
	n     int
	cols  [][]float64
	w     []float64
	wsum  float64
	ym    float64   // weighted mean of y on the sample
	yc    []float64 // y - ym
	syy   float64   // Σ w yc²
	ycsum float64   // Σ w yc (0 up to round-off)
	pure  float64   // full.pure, added to every sample MSE

	tol float64
	eps float64 // round-off slack in MSE units
	big float64 // candidates with a larger |value| are dropped: 1e12 × the data's scale

	nodes   []node
	levels  [][]int32
	seen    map[uint64]struct{}
	pending [][]node // template-made nodes waiting for their level

	table   [][]entry // by complexity: up to tableK entries, ascending MSE
	thresh  []float64 // thresh[c]: an offer of complexity >= c must beat this MSE to enter
	seq     int
	bestC   int  // complexity of the simplest verified entry within tolerance
	comfy   bool // an entry of complexity bestC is comfortably within tolerance
	useful  int  // the largest complexity still worth offering (see noteVerified)
	evals   int
	work    int // Σ max(n, 64) over evaluations, against MaxEvals*256
	stop    StopReason
	start   time.Time
	limit   time.Duration
	scratch []float64
	tmp     []float64
	best    []float64
	arena   []float64
	arena2  []float64
	sortBuf []int32
	env     map[string][]float64 // the search sample's columns by name
}

const tableK = 3

func newSearcher(cfg *config, vars []string, full *dataset, start time.Time) *searcher {
	s := &searcher{cfg: cfg, vars: vars, full: full, start: start, limit: cfg.TimeLimit}
	rows := subsample(full.m, cfg.SearchSamples, cfg.Seed, full.w)
	s.n = len(rows)
	s.cols = make([][]float64, len(vars))
	for j := range vars {
		s.cols[j] = make([]float64, s.n)
		for t, g := range rows {
			s.cols[j][t] = full.cols[j][g]
		}
	}
	s.w = make([]float64, s.n)
	ys := make([]float64, s.n)
	for t, g := range rows {
		s.w[t] = full.w[g]
		ys[t] = full.y[g]
		s.wsum += s.w[t]
		s.ym += s.w[t] * ys[t]
	}
	s.ym /= s.wsum
	s.yc = make([]float64, s.n)
	for t := range ys {
		s.yc[t] = ys[t] - s.ym
		s.syy += s.w[t] * s.yc[t] * s.yc[t]
		s.ycsum += s.w[t] * s.yc[t]
	}
	s.pure = full.pure
	scale := 1.0
	for _, col := range s.cols {
		for _, v := range col {
			scale = max(scale, math.Abs(v))
		}
	}
	for _, v := range ys {
		scale = max(scale, math.Abs(v))
	}
	s.big = 1e12 * scale
	s.tol = math.Max(cfg.AbsTol, cfg.RelTol*full.varY)
	s.tol = math.Max(s.tol, 1e-18*full.msq)
	s.eps = 1e-13*full.msq + 1e-300
	s.seen = map[uint64]struct{}{}
	s.table = make([][]entry, cfg.MaxComplexity+1)
	s.thresh = make([]float64, cfg.MaxComplexity+2)
	for i := range s.thresh {
		s.thresh[i] = math.Inf(1)
	}
	s.pending = make([][]node, cfg.MaxComplexity+4)
	s.levels = make([][]int32, cfg.MaxComplexity+1)
	s.bestC = math.MaxInt
	s.useful = cfg.MaxComplexity
	s.env = map[string][]float64{}
	for j, name := range vars {
		s.env[name] = s.cols[j]
	}
	s.scratch = make([]float64, s.n)
	s.tmp = make([]float64, s.n)
	s.best = make([]float64, s.n)
	return s
}

// tick counts one evaluation and checks the budgets; false means stop now.
func (s *searcher) tick() bool {
	if s.stop != "" {
		return false
	}
	cost := max(s.n, 64)
	if s.work+cost > s.cfg.MaxEvals*256 {
		s.stop = StopEvals
		return false
	}
	s.work += cost
	s.evals++
	if s.evals&1023 == 0 && time.Since(s.start) > s.limit {
		s.stop = StopTime
		return false
	}
	return true
}

// quant drops the low 20 bits of the mantissa (rounding), so values equal up to ~1e-10
// relative hash alike.
func quant(x float64) uint64 {
	return (math.Float64bits(x+0) + 1<<19) &^ (1<<20 - 1) // x+0 turns -0 into +0
}

// inspect hashes v and reports its range; ok is false for a vector that is non-finite,
// huge (|v| > big, useless for a least-squares fit) or constant.
func inspect(v []float64, big float64) (h uint64, lo, hi float64, ok bool) {
	if len(v) == 0 {
		return 0, 0, 0, false
	}
	lo, hi = v[0], v[0]
	// Four independent lanes (the multiply chains overlap), combined at the end.
	h0, h1, h2, h3 := uint64(0xcbf29ce484222325), uint64(0x84222325cbf29ce4), uint64(0x9ce484222325cbf2), uint64(0x2325cbf29ce48422)
	mixU := func(h, u uint64) uint64 {
		h ^= u
		h *= 0x9E3779B97F4A7C15
		return h ^ h>>31
	}
	mix := func(h uint64, x float64) uint64 { return mixU(h, quant(x)) }
	i := 0
	for ; i+4 <= len(v); i += 4 {
		a, b, c, d := v[i], v[i+1], v[i+2], v[i+3]
		if !(a >= -big && a <= big && b >= -big && b <= big && c >= -big && c <= big && d >= -big && d <= big) {
			return 0, 0, 0, false // also rejects NaN
		}
		lo, hi = widen(lo, hi, a)
		lo, hi = widen(lo, hi, b)
		lo, hi = widen(lo, hi, c)
		lo, hi = widen(lo, hi, d)
		h0, h1, h2, h3 = mix(h0, a), mix(h1, b), mix(h2, c), mix(h3, d)
	}
	for ; i < len(v); i++ {
		x := v[i]
		if !(x >= -big && x <= big) {
			return 0, 0, 0, false
		}
		lo, hi = widen(lo, hi, x)
		h0 = mix(h0, x)
	}
	h = mixU(mixU(mixU(h0, h1), h2), h3)
	if hi-lo <= 1e-10*math.Max(math.Abs(lo), math.Abs(hi)) {
		return 0, 0, 0, false
	}
	return h, lo, hi, true
}

// widen extends the range [lo, hi] to x (not NaN). The builtins min and max would order -0
// below 0, and took more time.
func widen(lo, hi, x float64) (float64, float64) {
	if x < lo {
		lo = x
	}
	if x > hi {
		hi = x
	}
	return lo, hi
}

// store copies v into the bank as a new node of the given level (if the bank has room).
func (s *searcher) store(expr program.Expr, cplx int, v []float64, lo, hi float64, isConst bool) int32 {
	if len(s.nodes) >= s.cfg.MaxBank {
		return -1
	}
	var vec []float64
	if len(v) > 0 && len(s.arena) >= len(v) && &s.arena[0] == &v[0] {
		vec = v // computed in place by slot: just keep it
	} else {
		if len(s.arena) < len(v) {
			s.arena = make([]float64, len(v)*256)
		}
		vec = s.arena[:len(v):len(v)]
		copy(vec, v)
	}
	s.arena = s.arena[len(v):]
	s.nodes = append(s.nodes, node{expr: expr, cplx: cplx, vec: vec, isConst: isConst, lo: lo, hi: hi})
	id := int32(len(s.nodes) - 1)
	if cplx < len(s.levels) {
		s.levels[cplx] = append(s.levels[cplx], id)
	}
	return id
}

// slot returns the place the next stored vector will take in the arena, so that a candidate
// computed there is kept without a copy.
func (s *searcher) slot() []float64 {
	if len(s.arena) < s.n {
		s.arena = make([]float64, s.n*256)
	}
	return s.arena[:s.n:s.n]
}

// consider handles one enumerated candidate vector (in s.scratch or elsewhere): unless it
// repeats a known vector, it is offered as a final candidate (under the affine wrapper) and
// stored as a building block.
func (s *searcher) consider(v []float64, ref baseRef, cplx int) {
	h, lo, hi, ok := inspect(v, s.big)
	if !ok {
		return
	}
	if _, dup := s.seen[h]; dup {
		return
	}
	s.seen[h] = struct{}{}
	if cplx < s.useful { // only nodes that can still grow into useful candidates are kept
		if id := s.store(nil, cplx, v, lo, hi, false); id >= 0 {
			s.nodes[id].expr = s.build(ref)
			ref = baseRef{kind: refNode, i: id}
		}
	}
	st := s.stats(v)
	s.offer(&st, ref, cplx)
}

func (s *searcher) run() {
	cfg := s.cfg
	// Complexity 1: the constant (the mean).
	s.offerConst()
	// Level 1: variables and constant leaves.
	for j, name := range s.vars {
		if !s.tick() {
			break
		}
		s.consider(s.cols[j], baseRef{kind: refExpr, e: program.Var{Name: name}}, 1)
	}
	for _, c := range cfg.Constants {
		v := s.scratch
		for i := range v {
			v[i] = c
		}
		s.store(program.Const{Value: c}, 1, v, c, c, true)
	}
	s.linearAll()
	s.sparsePolynomial()
	s.innerTemplates()
	s.templates(1)
	if s.finished(1) {
		return
	}
	for L := 2; L <= cfg.MaxComplexity; L++ {
		s.enumLevel(L)
		s.flushPending(L)
		if L == 2 {
			s.linearPairs()
			s.linearVarsPlusOne(2)
		}
		s.templates(L)
		if L == 3 {
			s.linearStepwise()
			s.linearVarsPlusOne(3)
			s.tmplCases()
		}
		if s.finished(L) {
			return
		}
	}
	s.stop = StopComplexity
}

// finished reports whether the search can end after level L: a budget ran out, or L reached
// the largest complexity still worth searching (see noteVerified; after level L every
// candidate of complexity <= L has been offered, and later ones are more complex).
func (s *searcher) finished(L int) bool {
	if s.stop != "" {
		return true
	}
	if s.bestC != math.MaxInt && L >= s.useful {
		s.stop = StopSolved
		return true
	}
	if L >= s.cfg.MaxComplexity {
		s.stop = StopComplexity
		return true
	}
	return false
}

// enumLevel builds every expression of complexity L from the bank: unary operators on level
// L-1, then for each pair of levels (li, lj) with li+lj = L-1 and each pair of nodes, every
// binary operator (one order for commutative ones; a > b and a >= b are enumerated as b < a
// and b <= a when < and <= are allowed).
func (s *searcher) enumLevel(L int) {
	cfg := s.cfg
	for _, op := range cfg.uops {
		for _, i := range s.levels[L-1] {
			if s.nodes[i].isConst {
				continue
			}
			if L > s.useful || !s.tick() {
				return
			}
			out := s.slot()
			unaryVec(op, s.nodes[i].vec, out)
			s.consider(out, baseRef{kind: refUnary, uop: op, i: i}, L)
		}
	}
	for li := 1; li <= L-2; li++ {
		lj := L - 1 - li
		for _, i := range s.levels[li] {
			for _, j := range s.levels[lj] {
				if s.nodes[i].isConst && s.nodes[j].isConst {
					continue
				}
				vi, vj := s.nodes[i].vec, s.nodes[j].vec
				for _, op := range cfg.enumB {
					if commutative(op) && (li > lj || (li == lj && j < i)) {
						continue
					}
					if L > s.useful || !s.tick() {
						return
					}
					out := s.slot()
					binaryVec(op, vi, vj, out)
					s.consider(out, baseRef{kind: refBinary, bop: op, i: i, j: j}, L)
				}
			}
		}
	}
}

// flushPending moves template-made nodes of complexity L into the bank (after the
// enumeration of level L, so that an enumerated equivalent of equal complexity wins).
func (s *searcher) flushPending(L int) {
	if L >= len(s.pending) {
		return
	}
	for _, nd := range s.pending[L] {
		h, lo, hi, ok := inspect(nd.vec, s.big)
		if !ok {
			continue
		}
		if _, dup := s.seen[h]; dup {
			continue
		}
		s.seen[h] = struct{}{}
		s.store(nd.expr, L, nd.vec, lo, hi, false)
	}
	s.pending[L] = nil
}

// addPending queues a template-made building block of complexity c.
func (s *searcher) addPending(expr program.Expr, c int, v []float64) {
	if c >= s.useful || c >= len(s.pending) {
		return
	}
	s.pending[c] = append(s.pending[c], node{expr: expr, cplx: c, vec: append([]float64(nil), v...)})
}
