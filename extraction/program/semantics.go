package program

import (
	"fmt"
	"math"
)

// This file is the single source of truth for what the operators compute. The interpreter
// compiles expressions to calls of these very functions, the simplifier folds constants with
// them, and the emitters' helper functions are transcriptions of them (checked by the tests).

// unaryFuncs maps every unary operator to its protected implementation.
var unaryFuncs = map[UnaryOp]func(x float64) float64{
	Neg:    func(x float64) float64 { return -x },
	Abs:    math.Abs,
	Square: square,
	Sqrt:   func(x float64) float64 { return math.Sqrt(math.Abs(x)) },
	Sin:    math.Sin,
	Cos:    math.Cos,
	Exp:    math.Exp,
	Floor:  math.Floor,
	Round:  math.Round, // half away from zero
}

// binaryFuncs maps every binary operator to its protected implementation.
var binaryFuncs = map[BinaryOp]func(x, y float64) float64{
	Add:       func(x, y float64) float64 { return x + y },
	Sub:       func(x, y float64) float64 { return x - y },
	Mul:       func(x, y float64) float64 { return float64(x * y) }, // rounded: no fused multiply-add
	Div:       protectedDiv,
	Mod:       floorMod,
	Min:       func(x, y float64) float64 { return min(x, y) }, // NaN when either is NaN
	Max:       func(x, y float64) float64 { return max(x, y) },
	Less:      func(x, y float64) float64 { return indicator(x < y) },
	LessEq:    func(x, y float64) float64 { return indicator(x <= y) },
	Greater:   func(x, y float64) float64 { return indicator(x > y) },
	GreaterEq: func(x, y float64) float64 { return indicator(x >= y) },
	Equal:     func(x, y float64) float64 { return indicator(x == y) },
	NotEqual:  func(x, y float64) float64 { return indicator(x != y) },
}

// UnaryOps lists the unary operators, in a fixed order.
func UnaryOps() []UnaryOp {
	return []UnaryOp{Neg, Abs, Square, Sqrt, Sin, Cos, Exp, Floor, Round}
}

// BinaryOps lists the binary operators, in a fixed order.
func BinaryOps() []BinaryOp {
	return []BinaryOp{Add, Sub, Mul, Div, Mod, Min, Max, Less, LessEq, Greater, GreaterEq, Equal, NotEqual}
}

// IsComparison reports whether op is a comparison, whose result is 1 or 0.
func IsComparison(op BinaryOp) bool {
	switch op {
	case Less, LessEq, Greater, GreaterEq, Equal, NotEqual:
		return true
	}
	return false
}

// ApplyUnary computes op(x). It panics on an unknown operator (Validate reports those).
func ApplyUnary(op UnaryOp, x float64) float64 {
	f, ok := unaryFuncs[op]
	if !ok {
		panic(fmt.Sprintf("program: unknown unary operator %q", op))
	}
	return f(x)
}

// ApplyBinary computes x op y. It panics on an unknown operator (Validate reports those).
func ApplyBinary(op BinaryOp, x, y float64) float64 {
	f, ok := binaryFuncs[op]
	if !ok {
		panic(fmt.Sprintf("program: unknown binary operator %q", op))
	}
	return f(x, y)
}

// EvalExpr evaluates e at one position, reading each variable through get. It is the
// reference evaluator; the interpreter compiles expressions to the same operator functions.
func EvalExpr(e Expr, get func(name string) float64) float64 {
	switch e := e.(type) {
	case Var:
		return get(e.Name)
	case Const:
		return e.Value
	case Unary:
		return ApplyUnary(e.Op, EvalExpr(e.X, get))
	case Binary:
		return ApplyBinary(e.Op, EvalExpr(e.X, get), EvalExpr(e.Y, get))
	}
	panic(fmt.Sprintf("program: unsupported expression %T", e))
}

// square is x*x, rounded to float64 before anything else uses it, so that the compiler cannot
// fuse it into a later addition (which would change the last bit on some CPUs).
func square(x float64) float64 { return float64(x * x) }

// protectedDiv is x/y, and 0 when y is 0, so that a division never produces an infinity out of
// nothing.
func protectedDiv(x, y float64) float64 {
	if y == 0 {
		return 0
	}
	return x / y
}

// floorMod is the floored remainder, the result having the sign of y, exactly as Python's % on
// floats (CPython's float_rem), and 0 when y is 0. math.Mod is exact, so Python and Go agree to
// the bit.
func floorMod(x, y float64) float64 {
	if y == 0 {
		return 0
	}
	r := math.Mod(x, y)
	if r == 0 {
		return math.Copysign(0, y)
	}
	if (y < 0) != (r < 0) { // also taken by NaN, which stays NaN
		r += y
	}
	return r
}

// indicator turns a truth value into the numbers the network computes with.
func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
