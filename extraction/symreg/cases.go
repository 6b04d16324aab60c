package symreg

import (
	"math"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Case splits: a function that is one simple formula where a condition holds and another
// where it does not, as in "the latest nonzero input" (x if x != 0 else y[t-1]) or "x[t-1] if
// x is odd else x", or a boundary (y = x at the first position, min(x, x[t-1]) after it). A
// ReLU network computes such a selection exactly on a few input values, but the enumeration
// does not reach it: a product of an indicator with a formula, inside a sum, over two to seven
// inputs, is past what the budget searches exhaustively.
//
// The template is a regression tree of depth one with formula leaves, written as a base and a
// correction:
//
//	y = f + [cond]·g     (f fits where cond is false; g fits y − f where it is true)
//
// so that x + [x == 0]·y[t-1] costs 7 nodes, not the 9 of f1·[cond] + f0·(1 − [cond]). The
// condition is an equality or a threshold on one variable that takes few values (at most
// maxCaseValues on the sample), or their negation (the base then fits the other side); f and g
// are each the bank node of complexity <= maxCaseLeaf (a variable, a constant leaf, 0, or a
// small expression) that fits its side best, by weighted squared error. The best split is
// offered as a candidate like any other (with its affine wrapper), so the simplest formula
// within tolerance still wins and verification still decides.
const (
	maxCaseValues = 16
	maxCaseLeaf   = 3
	maxCaseLeaves = 3000 // leaf candidates tried on each side (the simplest first)
)

// tmplCases offers the best case split of the sample.
func (s *searcher) tmplCases() {
	cfg := s.cfg
	if !cfg.hasB[program.Add] || !cfg.hasB[program.Mul] {
		return
	}
	leaves := s.caseLeaves()
	y := make([]float64, s.n)
	for t := range y {
		y[t] = s.yc[t] + s.ym
	}
	type split struct {
		op   program.BinaryOp
		j    int
		c    float64
		f, g int
		sse  float64
		cplx int
		ok   bool
	}
	best := split{sse: math.Inf(1)}
	mask := make([]bool, s.n)
	rest := make([]float64, s.n)
	for j, col := range s.cols {
		values := distinct(col, maxCaseValues)
		if values == nil {
			continue
		}
		for _, op := range []program.BinaryOp{program.Equal, program.NotEqual, program.Greater, program.LessEq} {
			if !cfg.hasB[op] {
				continue
			}
			for k, c := range values {
				if (op == program.Greater || op == program.LessEq) && k == len(values)-1 {
					continue // the condition would hold nowhere or everywhere
				}
				for t, v := range col {
					switch op {
					case program.Equal, program.NotEqual:
						mask[t] = (v == c) == (op == program.Equal)
					default:
						mask[t] = (v > c) == (op == program.Greater)
					}
				}
				if !s.tick() {
					return
				}
				f, sseF := s.bestLeaf(leaves, y, mask, false)
				if f < 0 {
					continue
				}
				for t := range rest {
					rest[t] = y[t] - leaves[f].vec[t]
				}
				g, sseG := s.bestLeaf(leaves, rest, mask, true)
				if g < 0 {
					continue
				}
				cplx := leaves[f].cplx + leaves[g].cplx + 5
				sse := sseF + sseG
				if sse < best.sse*(1-1e-12) || (sse <= best.sse && cplx < best.cplx) {
					best = split{op: op, j: j, c: c, f: f, g: g, sse: sse, cplx: cplx, ok: true}
				}
			}
		}
	}
	if !best.ok {
		return
	}
	cond := program.Binary{Op: best.op, X: program.Var{Name: s.vars[best.j]}, Y: program.Const{Value: best.c}}
	e := caseExpr(cond, leaves[best.f].expr, leaves[best.g].expr)
	env := map[string][]float64{}
	for j, name := range s.vars {
		env[name] = s.cols[j]
	}
	v, err := evalVec(e, env, s.n)
	if err != nil {
		return
	}
	c := program.ExprSize(e)
	s.tryFeature(v, baseRef{kind: refExpr, e: e}, c)
	s.addPending(e, c, v)
}

// caseExpr writes f + cond·g, or cond·g when f is 0.
func caseExpr(cond, f, g program.Expr) program.Expr {
	term := program.Binary{Op: program.Mul, X: cond, Y: g}
	if c, ok := f.(program.Const); ok && c.Value == 0 {
		return term
	}
	return program.Binary{Op: program.Add, X: f, Y: term}
}

// caseLeaf is a formula a side of a case split may take, with its values on the sample.
type caseLeaf struct {
	expr program.Expr
	vec  []float64
	cplx int
}

// caseLeaves lists the formulas a leaf may be, simplest first: the constant 0 (a side where the
// function is 0 is common: "0 if there is none"), then the bank's nodes up to maxCaseLeaf.
func (s *searcher) caseLeaves() []caseLeaf {
	leaves := []caseLeaf{{program.Const{Value: 0}, make([]float64, s.n), 1}}
	for L := 1; L <= maxCaseLeaf && L < len(s.levels); L++ {
		for _, i := range s.levels[L] {
			if len(leaves) == maxCaseLeaves {
				return leaves
			}
			leaves = append(leaves, caseLeaf{s.nodes[i].expr, s.nodes[i].vec, s.nodes[i].cplx})
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
