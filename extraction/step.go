package extraction

import (
	"math"
	"sort"

	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/extraction/symreg"
)

// Step intermediates: the last explanation tried for an intermediate sub-MLP of an integer task.
//
// A later module often needs only an event from an intermediate slot: "the running balance has
// gone negative" (balanced_parenthesis: mean(x[0..s]) > 1/2 at some s <= t, which a second-layer
// prefix mean of the indicator reads as "not zero"), "the sign differs". A ReLU network writes
// such an indicator as a ramp: flat on one side of the threshold, sloped on the other (for the
// balanced parentheses, -0.13 up to a mean of 1/2, then -0.73, -0.86, ... -5.1 at 1). No formula
// fits the ramp exactly, because the network never computed the step it stands for, and
// extraction stopped there although the hard model was exact.
//
// The construction that explains it: a ReLU unit max(0, w·v - b) is zero on one side of b/w, so
// a sub-MLP whose later readers only separate "flat" from "not flat" computes the indicator
// [v > c] as far as the program is concerned. stepOf finds, over each of the sub-MLP's inputs,
// the threshold that splits its outputs into a level (outputs that spread less than their
// distance to the rest) and the rest, the largest such level (see bestSplit), and the program
// reads a·[v > c] + b instead (normalize then keeps [v > c]). Nothing is assumed about the task: the program, with
// the step in place, must pass the same verification on the selection data as any other; a step
// that is not what the later modules need fails there.
//
// Where the threshold goes: between the two observed values u_lo < u_hi that the best split
// separates, the simplest number (the smallest denominator, up to maxStepDenominator) among
// u_lo (as v > u_lo), u_hi (as v >= u_hi) and the numbers strictly between them. Why: the
// observed values at the training length do not fix the threshold; the simplest one is the
// one that holds at other lengths (a mean of 1/2, not 6/11).

// maxStepDenominator bounds the denominators of the threshold candidates.
const maxStepDenominator = 12

// stepOf returns the two-level explanation a·[v > c] + b (or [v >= c]) of the outputs y over
// the inputs cols, the best split of any input (see bestSplit), as a Candidate; ok is false
// when no input splits the outputs into a level and a group apart from it.
func stepOf(cols [][]float64, y []float64, vars []string) (symreg.Candidate, bool) {
	best, found := split{}, false
	for c, col := range cols {
		if s, ok := bestSplit(col, y); ok && (!found || s.better(best)) {
			s.input = c
			best, found = s, true
		}
	}
	if !found {
		return symreg.Candidate{}, false
	}
	c, op := threshold(best.lo, best.hi)
	ind := program.Binary{Op: op, X: program.Var{Name: vars[best.input]}, Y: program.Const{Value: c}}
	var e program.Expr = program.Binary{Op: program.Add,
		X: program.Binary{Op: program.Mul, X: program.Const{Value: best.above - best.below}, Y: ind},
		Y: program.Const{Value: best.below}}
	return symreg.Candidate{Expr: e, Complexity: program.ExprSize(e), MSE: best.sse / float64(len(y))}, true
}

// split is a two-level explanation of the outputs over one input: below (the mean of the
// outputs where the input is <= lo) and above (where it is >= hi), lo and hi consecutive
// observed values; gap is how far apart the two groups' ranges of outputs are, and level the
// number of rows of the side that is a level (its outputs spread less than the gap).
type split struct {
	input        int
	lo, hi       float64
	below, above float64
	gap, sse     float64
	level        int
}

// better orders splits: the larger level first, then the larger gap.
func (s split) better(o split) bool {
	return s.level > o.level || s.level == o.level && s.gap > o.gap
}

// bestSplit returns the split of y by the values of col into two groups of outputs with
// disjoint ranges, one of them a level, with the largest level (see split.better); from
// running minima and maxima over the rows sorted by col. Why a level and not the least squared
// error: a ramp's flat side is the step's "off" level and its edge is where the outputs leave
// it; least squares, or the widest gap alone, cut the sloped side where its spread is largest
// (balanced_parenthesis: at a mean of 2/3 or 9/10 instead of 1/2).
func bestSplit(col, y []float64) (split, bool) {
	n := len(y)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return col[idx[a]] < col[idx[b]] })
	sufMin, sufMax := make([]float64, n+1), make([]float64, n+1)
	sufMin[n], sufMax[n] = math.Inf(1), math.Inf(-1)
	total := 0.0
	for k := n - 1; k >= 0; k-- {
		v := y[idx[k]]
		sufMin[k], sufMax[k] = math.Min(sufMin[k+1], v), math.Max(sufMax[k+1], v)
		total += v
	}
	best, ok := split{}, false
	preMin, preMax, sum := math.Inf(1), math.Inf(-1), 0.0
	for k := 0; k+1 < n; k++ {
		v := y[idx[k]]
		preMin, preMax, sum = math.Min(preMin, v), math.Max(preMax, v), sum+v
		lo, hi := col[idx[k]], col[idx[k+1]]
		if lo == hi {
			continue
		}
		gap := math.Max(sufMin[k+1]-preMax, preMin-sufMax[k+1])
		if gap <= 0 {
			continue
		}
		level := 0
		if preMax-preMin < gap {
			level = k + 1
		}
		if sufMax[k+1]-sufMin[k+1] < gap {
			level = max(level, n-k-1)
		}
		s := split{lo: lo, hi: hi, gap: gap, level: level, below: sum / float64(k+1), above: (total - sum) / float64(n-k-1)}
		if level > 0 && (!ok || s.better(best)) {
			best, ok = s, true
		}
	}
	if !ok {
		return best, false
	}
	for i, v := range y {
		level := best.below
		if col[i] >= best.hi {
			level = best.above
		}
		best.sse += (v - level) * (v - level)
	}
	return best, true
}

// threshold returns the simplest threshold between consecutive observed values lo < hi, and
// the comparison that puts lo below it and hi above: lo itself (v > lo), hi itself (v >= hi),
// or a number strictly between them (v > c), whichever has the smallest denominator; lo when
// none has one up to maxStepDenominator.
func threshold(lo, hi float64) (float64, program.BinaryOp) {
	bestC, bestOp, bestQ := lo, program.Greater, denominator(lo)
	if q := denominator(hi); q < bestQ {
		bestC, bestOp, bestQ = hi, program.GreaterEq, q
	}
	for q := 1; q <= maxStepDenominator && q < bestQ; q++ {
		p := math.Floor(lo*float64(q)) + 1 // the smallest p/q above lo
		if c := p / float64(q); c < hi {
			return c, program.Greater
		}
	}
	return bestC, bestOp
}

// denominator returns the smallest q <= maxStepDenominator for which v is p/q (within 1e-9), or
// maxStepDenominator+1 when there is none.
func denominator(v float64) int {
	for q := 1; q <= maxStepDenominator; q++ {
		if p := v * float64(q); math.Abs(p-math.Round(p)) <= 1e-9*math.Max(1, math.Abs(p)) {
			return q
		}
	}
	return maxStepDenominator + 1
}
