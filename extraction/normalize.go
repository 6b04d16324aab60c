package extraction

import (
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
)

// normalize strips the affine wrapper a*f + b (a ≠ 0) off the formula of an intermediate
// sub-MLP of an integer task, so that the program computes f: the sub-MLP's scale and offset are
// arbitrary (a network writes the product a·b as 8.75·a·b as happily as a·b), later modules
// undo them, and only f carries meaning. It matters beyond looks: the later modules are fitted
// on the program's values (inputColumns), and a prefix sum of 8.75·a·b taken mod 2 needs the
// modulus 17.5, which symbolic regression does not try, where the sum of a·b needs 2.
//
// It applies when every reader of the slot is indifferent to an affine change: sub-MLPs (their
// formulas are fitted afterwards, on the normalized values) and location-based heads (which
// only move values), but not the readout nor a content-based head's key (a negative scale turns
// the largest key into the smallest). ok is false when e has no wrapper or may not lose it.
func normalize(e program.Expr, slot int, st *dt.Structure) (program.Expr, bool) {
	if readOut(st, slot) {
		return nil, false
	}
	for _, h := range st.Heads {
		if h.Key == slot && h.Family != dt.FamilyPrevious && h.Family != dt.FamilyFirst &&
			h.Family != dt.FamilyMean && h.Family != dt.FamilySum {
			return nil, false
		}
	}
	f := stripAffine(e)
	if f == e || !hasVar(f) {
		return nil, false
	}
	return f, true
}

// stripAffine removes outer additions of constants, multiplications by non-zero constants and
// negations.
func stripAffine(e program.Expr) program.Expr {
	isConst := func(x program.Expr) bool { _, ok := x.(program.Const); return ok }
	nonZero := func(x program.Expr) bool { c, ok := x.(program.Const); return ok && c.Value != 0 }
	switch e := e.(type) {
	case program.Unary:
		if e.Op == program.Neg {
			return stripAffine(e.X)
		}
	case program.Binary:
		switch {
		case (e.Op == program.Add || e.Op == program.Sub) && isConst(e.Y):
			return stripAffine(e.X)
		case (e.Op == program.Add || e.Op == program.Sub) && isConst(e.X):
			return stripAffine(e.Y)
		case e.Op == program.Mul && nonZero(e.X):
			return stripAffine(e.Y)
		case e.Op == program.Mul && nonZero(e.Y):
			return stripAffine(e.X)
		case e.Op == program.Div && nonZero(e.Y):
			return stripAffine(e.X)
		}
	}
	return e
}

// hasVar reports whether e reads a variable.
func hasVar(e program.Expr) bool {
	found := false
	program.ExprVars(e, func(string) { found = true })
	return found
}
