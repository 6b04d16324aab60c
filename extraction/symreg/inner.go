package symreg

import (
	"math"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Continuous inner constants on a variable x: g(c*x) for g in sin, cos, exp; g(x + d) for g in
// sin, cos, square, sqrt; g(c*x + d) for sin and cos. The outer a, b are solved by least
// squares for every trial (variable projection); c and d are found by a grid search refined by
// golden-section search (one constant) or Nelder–Mead (two), then snapped to simple
// rationals when the fit allows.

type innerForm struct {
	g      program.UnaryOp
	useC   bool
	useD   bool
	cGrid  []float64
	dGrid  []float64
	period bool // d is an angle
}

func (s *searcher) innerTemplates() {
	cfg := s.cfg
	canD := cfg.canPlus || cfg.canSub
	for _, i := range s.levels[1] {
		nd := s.nodes[i]
		if nd.isConst {
			continue
		}
		scale := math.Max(1, math.Max(math.Abs(nd.lo), math.Abs(nd.hi)))
		var cTrig, cExp, dTrig, dShift []float64
		for _, c := range []float64{0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 4, 5, 7, 10} {
			cTrig = append(cTrig, c)
		}
		for _, c := range []float64{-3, -2, -1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1, 2, 3} {
			cExp = append(cExp, c*3/scale)
		}
		for k := 0; k < 16; k++ {
			dTrig = append(dTrig, 2*math.Pi*float64(k)/16)
		}
		for k := 0; k <= 16; k++ {
			dShift = append(dShift, -(nd.lo + (nd.hi-nd.lo)*float64(k)/16))
		}
		forms := []innerForm{
			{g: program.Sin, useC: true, cGrid: cTrig},
			{g: program.Cos, useC: true, cGrid: cTrig},
			{g: program.Exp, useC: true, cGrid: cExp},
			{g: program.Sin, useD: true, dGrid: dTrig, period: true},
			{g: program.Cos, useD: true, dGrid: dTrig, period: true},
			{g: program.Square, useD: true, dGrid: dShift},
			{g: program.Sqrt, useD: true, dGrid: dShift},
			{g: program.Sin, useC: true, useD: true, cGrid: cTrig, dGrid: dTrig[:8], period: true},
			{g: program.Cos, useC: true, useD: true, cGrid: cTrig, dGrid: dTrig[:8], period: true},
		}
		for _, f := range forms {
			if s.stop != "" {
				return
			}
			if !cfg.hasU[f.g] || (f.useC && !cfg.canMul) || (f.useD && !canD) {
				continue
			}
			s.fitInner(nd, f)
		}
	}
}

// innerExpr builds g(c*x + d) (c == 1 or d == 0 drop their node).
func (s *searcher) innerExpr(g program.UnaryOp, x program.Expr, c, d float64) program.Expr {
	var in program.Expr = x
	if c != 1 {
		in = program.Binary{Op: program.Mul, X: program.Const{Value: c}, Y: in}
	}
	switch {
	case d > 0 && s.cfg.canPlus, d < 0 && !s.cfg.canSub:
		in = program.Binary{Op: program.Add, X: in, Y: program.Const{Value: d}}
	case d != 0:
		in = program.Binary{Op: program.Sub, X: in, Y: program.Const{Value: -d}}
	}
	return program.Unary{Op: g, X: in}
}

func (s *searcher) fitInner(nd node, f innerForm) {
	x := nd.vec
	cost := 2 + 2*btoi(f.useC) + 2*btoi(f.useD)
	if cost > s.useful {
		return
	}
	g, ok := program.UnaryFunc(f.g)
	if !ok {
		return
	}
	stopped := false
	obj := func(c, d float64) float64 {
		if !s.tick() {
			stopped = true
			return math.Inf(1)
		}
		h := s.tmp2()
		for t, v := range x {
			h[t] = g(float64(c*v) + d)
		}
		if _, _, _, ok := inspect(h, s.big); !ok {
			return math.Inf(1)
		}
		st := s.stats(h)
		return s.optMSE(&st)
	}
	c, d := 1.0, 0.0
	switch {
	case f.useC && f.useD:
		best := math.Inf(1)
		for _, cc := range f.cGrid {
			for _, dd := range f.dGrid {
				if m := obj(cc, dd); m < best {
					best, c, d = m, cc, dd
				}
			}
		}
		if math.IsInf(best, 1) || stopped {
			return
		}
		p := nelderMead(func(p [2]float64) float64 { return obj(p[0], p[1]) }, [2]float64{c, d}, [2]float64{0.1 * c, 0.3}, 120)
		c, d = p[0], p[1]
	case f.useC:
		c = s.lineSearch(func(v float64) float64 { return obj(v, 0) }, f.cGrid)
	case f.useD:
		d = s.lineSearch(func(v float64) float64 { return obj(1, v) }, f.dGrid)
	}
	if stopped || math.IsNaN(c) || math.IsNaN(d) {
		return
	}
	if f.period && f.useD {
		d = math.Mod(d, 2*math.Pi)
		if d > math.Pi {
			d -= 2 * math.Pi
		}
		if d < -math.Pi {
			d += 2 * math.Pi
		}
	}
	if f.useC {
		c = s.snap(c, true, func(v float64) float64 { return obj(v, d) })
	}
	if f.useD {
		d = s.snap(d, false, func(v float64) float64 { return obj(c, v) })
	}
	if stopped || (f.useC && c == 1) || (f.useD && d == 0) || c == 0 {
		return // a simpler form (the plain g(x), found by the enumeration) or degenerate
	}
	e := s.innerExpr(f.g, nd.expr, c, d)
	v, err := evalVec(e, s.env, s.n)
	if err != nil {
		return
	}
	s.tryFeature(v, baseRef{kind: refExpr, e: e}, program.ExprSize(e))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lineSearch minimises f over a sorted grid, then refines by golden-section search between the
// neighbours of the best grid point.
func (s *searcher) lineSearch(f func(float64) float64, grid []float64) float64 {
	bestK, best := -1, math.Inf(1)
	for k, v := range grid {
		if m := f(v); m < best {
			bestK, best = k, m
		}
	}
	if bestK < 0 {
		return math.NaN()
	}
	lo, hi := grid[max(bestK-1, 0)], grid[min(bestK+1, len(grid)-1)]
	if lo > hi {
		lo, hi = hi, lo
	}
	const phi = 0.6180339887498949
	a, b := lo, hi
	x1, x2 := b-phi*(b-a), a+phi*(b-a)
	f1, f2 := f(x1), f(x2)
	for it := 0; it < 40 && s.stop == ""; it++ {
		if f1 < f2 {
			b, x2, f2 = x2, x1, f1
			x1 = b - phi*(b-a)
			f1 = f(x1)
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + phi*(b-a)
			f2 = f(x2)
		}
	}
	xm := (a + b) / 2
	if fm := f(xm); fm <= best {
		return xm
	}
	return grid[bestK]
}

// nelderMead minimises f in two dimensions from x0 with initial steps step.
func nelderMead(f func([2]float64) float64, x0, step [2]float64, iters int) [2]float64 {
	p := [3][2]float64{x0, {x0[0] + step[0], x0[1]}, {x0[0], x0[1] + step[1]}}
	var v [3]float64
	for i := range p {
		v[i] = f(p[i])
	}
	for it := 0; it < iters; it++ {
		// order: p[0] best, p[2] worst
		for i := 0; i < 3; i++ {
			for j := i + 1; j < 3; j++ {
				if v[j] < v[i] {
					p[i], p[j], v[i], v[j] = p[j], p[i], v[j], v[i]
				}
			}
		}
		if math.IsInf(v[0], 1) {
			break
		}
		c := [2]float64{(p[0][0] + p[1][0]) / 2, (p[0][1] + p[1][1]) / 2}
		at := func(t float64) [2]float64 {
			return [2]float64{c[0] + t*(p[2][0]-c[0]), c[1] + t*(p[2][1]-c[1])}
		}
		r := at(-1)
		fr := f(r)
		switch {
		case fr < v[0]:
			e := at(-2)
			if fe := f(e); fe < fr {
				p[2], v[2] = e, fe
			} else {
				p[2], v[2] = r, fr
			}
		case fr < v[1]:
			p[2], v[2] = r, fr
		default:
			k := at(0.5)
			if fr < v[2] {
				k = at(-0.5)
			}
			if fk := f(k); fk < math.Min(fr, v[2]) {
				p[2], v[2] = k, fk
			} else {
				for i := 1; i < 3; i++ {
					p[i] = [2]float64{(p[0][0] + p[i][0]) / 2, (p[0][1] + p[i][1]) / 2}
					v[i] = f(p[i])
				}
			}
		}
	}
	best := 0
	for i := 1; i < 3; i++ {
		if v[i] < v[best] {
			best = i
		}
	}
	return p[best]
}
