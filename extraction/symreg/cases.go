package symreg

import (
	"math"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Case splits: a function that is one simple formula where a condition holds and another
// where it does not,
//
//	y = f1 if [v == c] (or [v > c]) else f0   written   f0 + [v == c]·(f1 − f0),
//
// as in "the latest nonzero input" (x if x != 0 else y[t-1]) or "x[t-1] if x is odd else x".
// A ReLU network computes such a selection exactly on a few input values, but the enumeration
// does not reach it: the product of an indicator with a difference, inside a sum, is complexity
// 9 over two to seven inputs, past what the budget searches exhaustively.
//
// The template is a regression tree of depth one with formula leaves: the condition is an
// equality or a threshold on one variable that takes few values (at most maxCaseValues on the
// sample), and each leaf is the bank node of complexity <= maxCaseLeaf (a variable, a constant
// leaf, or a small expression) that fits its side best, by weighted squared error. The best
// split is offered as a candidate like any other (with its affine wrapper), so the simplest
// formula within tolerance still wins and verification still decides.
const (
	maxCaseValues = 16
	maxCaseLeaf   = 3
	maxCaseLeaves = 400 // leaf candidates tried on each side (the simplest first)
)

// tmplCases offers the best case split of the sample.
func (s *searcher) tmplCases() {
	cfg := s.cfg
	if !cfg.hasB[program.Add] || !cfg.hasB[program.Sub] || !cfg.hasB[program.Mul] {
		return
	}
	leaves := s.caseLeaves()
	if len(leaves) < 2 {
		return
	}
	y := make([]float64, s.n)
	for t := range y {
		y[t] = s.yc[t] + s.ym
	}
	type split struct {
		op     program.BinaryOp
		j      int
		c      float64
		f1, f0 int
		sse    float64
		ok     bool
	}
	best := split{sse: math.Inf(1)}
	mask := make([]bool, s.n)
	for j, col := range s.cols {
		values := distinct(col, maxCaseValues)
		if values == nil {
			continue
		}
		for _, op := range []program.BinaryOp{program.Equal, program.Greater} {
			if !cfg.hasB[op] {
				continue
			}
			for k, c := range values {
				if op == program.Greater && k == len(values)-1 {
					continue // nothing is greater than the largest value
				}
				for t, v := range col {
					mask[t] = (op == program.Equal && v == c) || (op == program.Greater && v > c)
				}
				if !s.tick() {
					return
				}
				f1, sse1 := s.bestLeaf(leaves, y, mask, true)
				f0, sse0 := s.bestLeaf(leaves, y, mask, false)
				if f1 < 0 || f0 < 0 {
					continue
				}
				if sse := sse1 + sse0; sse < best.sse {
					best = split{op: op, j: j, c: c, f1: f1, f0: f0, sse: sse, ok: true}
				}
			}
		}
	}
	if !best.ok {
		return
	}
	cond := program.Binary{Op: best.op, X: program.Var{Name: s.vars[best.j]}, Y: program.Const{Value: best.c}}
	e := caseExpr(cond, leaves[best.f1].expr, leaves[best.f0].expr)
	env := map[string][]float64{}
	for j, name := range s.vars {
		env[name] = s.cols[j]
	}
	v, err := evalVec(e, env, s.n)
	if err != nil {
		return
	}
	c := Complexity(e)
	s.tryFeature(v, baseRef{kind: refExpr, e: e}, c)
	s.addPending(e, c, v)
}

// caseExpr writes "f1 if cond else f0" as f0 + cond·(f1 − f0), or cond·f1 when f0 is 0, or
// f0 − cond·f0 when f1 is 0.
func caseExpr(cond, f1, f0 program.Expr) program.Expr {
	isZero := func(e program.Expr) bool { c, ok := e.(program.Const); return ok && c.Value == 0 }
	mul := func(a, b program.Expr) program.Expr { return program.Binary{Op: program.Mul, X: a, Y: b} }
	switch {
	case isZero(f0):
		return mul(cond, f1)
	case isZero(f1):
		return program.Binary{Op: program.Sub, X: f0, Y: mul(cond, f0)}
	}
	return program.Binary{Op: program.Add, X: f0, Y: mul(cond, program.Binary{Op: program.Sub, X: f1, Y: f0})}
}

// caseLeaf is a formula a side of a case split may take, with its values on the sample.
type caseLeaf struct {
	expr program.Expr
	vec  []float64
}

// caseLeaves lists the formulas a leaf may be, simplest first: the constant 0 (a side where the
// function is 0 is common: "0 if there is none"), then the bank's nodes up to maxCaseLeaf.
func (s *searcher) caseLeaves() []caseLeaf {
	leaves := []caseLeaf{{program.Const{Value: 0}, make([]float64, s.n)}}
	for L := 1; L <= maxCaseLeaf && L < len(s.levels); L++ {
		for _, i := range s.levels[L] {
			if len(leaves) == maxCaseLeaves {
				return leaves
			}
			leaves = append(leaves, caseLeaf{s.nodes[i].expr, s.nodes[i].vec})
		}
	}
	return leaves
}

// bestLeaf returns the leaf that fits y best (weighted squared error) on the rows where mask
// equals side, and that error (-1 when the side is empty).
func (s *searcher) bestLeaf(leaves []caseLeaf, y []float64, mask []bool, side bool) (int, float64) {
	best, bestSSE := -1, math.Inf(1)
	empty := true
	for _, m := range mask {
		if m == side {
			empty = false
			break
		}
	}
	if empty {
		return -1, 0
	}
	for i, leaf := range leaves {
		var sse float64
		for t, m := range mask {
			if m == side {
				d := y[t] - leaf.vec[t]
				sse += s.w[t] * d * d
				if sse >= bestSSE {
					break
				}
			}
		}
		if sse < bestSSE {
			best, bestSSE = i, sse
		}
	}
	return best, bestSSE
}

// distinct returns the sorted distinct values of col, or nil when there are more than max.
func distinct(col []float64, max int) []float64 {
	seen := map[float64]bool{}
	var out []float64
	for _, v := range col {
		if !seen[v] {
			if len(out) == max {
				return nil
			}
			seen[v] = true
			out = append(out, v)
		}
	}
	for i := 1; i < len(out); i++ {
		for k := i; k > 0 && out[k] < out[k-1]; k-- {
			out[k], out[k-1] = out[k-1], out[k]
		}
	}
	return out
}
