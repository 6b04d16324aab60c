package program

import "math"

// This file rewrites single expressions into simpler equal ones. Every rule keeps the protected
// semantics exactly, for every input including NaN and the infinities; only the sign of a zero
// may change, which nothing can observe (see the package doc). Rules that would need more, like
// x*0 = 0 (false for x = Inf), apply only when the other operand is known to be finite.

// SimplifyExpr returns an expression equal to e at every position, for all inputs, with
// constant subexpressions folded and algebraic identities applied.
func SimplifyExpr(e Expr) Expr {
	return Rewrite(e, simplifyNode)
}

// FoldConstants folds the subexpressions that read no variable into their constant value,
// computed by the operator semantics, so they mean exactly what the interpreter computes.
func FoldConstants(e Expr) Expr {
	return Rewrite(e, foldNode)
}

// foldNode folds a node whose operands are constants.
func foldNode(e Expr) Expr {
	if c, ok := folded(e); ok {
		return c
	}
	return e
}

// folded returns the value of a node whose operands are constants, and whether it is one.
func folded(e Expr) (Const, bool) {
	switch n := e.(type) {
	case Unary:
		if x, ok := n.X.(Const); ok {
			return Const{ApplyUnary(n.Op, x.Value)}, true
		}
	case Binary:
		x, xok := n.X.(Const)
		y, yok := n.Y.(Const)
		if xok && yok {
			return Const{ApplyBinary(n.Op, x.Value, y.Value)}, true
		}
	}
	return Const{}, false
}

// simplifyNode applies the rules at one node whose children are already simplified.
func simplifyNode(e Expr) Expr {
	switch n := e.(type) {
	case Var:
		if n.Name == BuiltinOne {
			return Const{1}
		}
	case Unary:
		if c, ok := folded(n); ok {
			return c
		}
		return simplifyUnary(n)
	case Binary:
		if c, ok := folded(n); ok {
			return c
		}
		return simplifyBinary(n)
	}
	return e
}

// simplifyUnary applies the identities of one-argument operators.
func simplifyUnary(n Unary) Expr {
	inner, innerIsUnary := n.X.(Unary)
	switch n.Op {
	case Neg:
		if innerIsUnary && inner.Op == Neg { // --x = x
			return inner.X
		}
	case Abs, Sqrt, Square: // all three ignore the operand's sign
		if innerIsUnary && (inner.Op == Neg || inner.Op == Abs) {
			return simplifyUnary(Unary{n.Op, inner.X})
		}
		if n.Op == Abs && nonNegative(n.X) {
			return n.X
		}
		if n.Op == Square && isIndicator(n.X) { // 0*0 = 0, 1*1 = 1
			return n.X
		}
	case Floor, Round:
		if integral(n.X) {
			return n.X
		}
	}
	return n
}

// simplifyBinary applies the identities of two-argument operators.
func simplifyBinary(n Binary) Expr {
	x, y := n.X, n.Y
	switch n.Op {
	case Add:
		switch {
		case isConst(y, 0):
			return x
		case isConst(x, 0):
			return y
		case isNeg(y): // x + -y = x - y
			return simplifyBinary(Binary{Sub, x, y.(Unary).X})
		case isNegativeConst(y): // x + (-2) = x - 2, exactly
			return Binary{Sub, x, Const{-y.(Const).Value}}
		case isNeg(x): // -x + y = y - x
			return simplifyBinary(Binary{Sub, y, x.(Unary).X})
		}
	case Sub:
		switch {
		case isConst(y, 0):
			return x
		case isConst(x, 0):
			return simplifyUnary(Unary{Neg, y})
		case isNeg(y): // x - -y = x + y
			return simplifyBinary(Binary{Add, x, y.(Unary).X})
		case isNegativeConst(y): // x - (-2) = x + 2, exactly
			return Binary{Add, x, Const{-y.(Const).Value}}
		case ExprEqual(x, y) && finite(x):
			return Const{0}
		}
	case Mul:
		switch {
		case isConst(y, 1):
			return x
		case isConst(x, 1):
			return y
		case isConst(y, -1):
			return simplifyUnary(Unary{Neg, x})
		case isConst(x, -1):
			return simplifyUnary(Unary{Neg, y})
		case (isConst(y, 0) && finite(x)) || (isConst(x, 0) && finite(y)):
			return Const{0}
		case isNeg(x) && isNeg(y): // -x * -y = x * y
			return simplifyBinary(Binary{Mul, x.(Unary).X, y.(Unary).X})
		case ExprEqual(x, y):
			return simplifyUnary(Unary{Square, x})
		}
	case Div:
		switch {
		case isConst(y, 1):
			return x
		case isConst(y, -1):
			return simplifyUnary(Unary{Neg, x})
		case isConst(x, 0) && finite(y): // 0/y = 0, and 0/0 = 0 too
			return Const{0}
		}
	case Mod:
		if isConst(x, 0) && finite(y) { // 0 mod y = 0, and 0 mod 0 = 0 too
			return Const{0}
		}
	case Min, Max:
		if ExprEqual(x, y) {
			return x
		}
	}
	return n
}

// isConst reports whether e is the constant v.
func isConst(e Expr, v float64) bool {
	c, ok := e.(Const)
	return ok && c.Value == v
}

// isNeg reports whether e is a negation.
func isNeg(e Expr) bool {
	u, ok := e.(Unary)
	return ok && u.Op == Neg
}

// isNegativeConst reports whether e is a constant below zero.
func isNegativeConst(e Expr) bool {
	c, ok := e.(Const)
	return ok && c.Value < 0
}

// isIndicator reports whether e is always 0 or 1: a comparison, or one of those constants.
func isIndicator(e Expr) bool {
	switch e := e.(type) {
	case Binary:
		return IsComparison(e.Op)
	case Const:
		return e.Value == 0 || e.Value == 1
	}
	return false
}

// integral reports whether e is always an integer, an infinity or NaN, the values floor and
// round leave alone.
func integral(e Expr) bool {
	switch e := e.(type) {
	case Var:
		return IsBuiltin(e.Name)
	case Const:
		return e.Value == math.Trunc(e.Value) || math.IsInf(e.Value, 0) || math.IsNaN(e.Value)
	case Unary:
		return e.Op == Floor || e.Op == Round || ((e.Op == Neg || e.Op == Abs) && integral(e.X))
	case Binary:
		return IsComparison(e.Op)
	}
	return false
}

// nonNegative reports whether e is never negative (NaN aside, which abs leaves NaN), so that
// abs(e) = e.
func nonNegative(e Expr) bool {
	switch e := e.(type) {
	case Var:
		return IsBuiltin(e.Name)
	case Const:
		return e.Value >= 0
	case Unary:
		return e.Op == Abs || e.Op == Sqrt || e.Op == Square || e.Op == Exp
	case Binary:
		return IsComparison(e.Op)
	}
	return false
}

// finite reports whether e is finite (neither infinite nor NaN) whatever the inputs, which is
// what the rules that drop an operand need: inputs may be anything, so only constants,
// positions, indicators and bounded functions of finite values qualify.
func finite(e Expr) bool {
	switch e := e.(type) {
	case Var:
		return IsBuiltin(e.Name)
	case Const:
		return !math.IsInf(e.Value, 0) && !math.IsNaN(e.Value)
	case Unary:
		switch e.Op {
		case Neg, Abs, Floor, Round, Sin, Cos:
			return finite(e.X)
		}
	case Binary:
		return IsComparison(e.Op) || ((e.Op == Min || e.Op == Max) && finite(e.X) && finite(e.Y))
	}
	return false
}
