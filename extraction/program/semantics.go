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
	Square: SquareOf,
	Sqrt:   ProtectedSqrt,
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
	Div:       ProtectedDiv,
	Mod:       FloorMod,
	Min:       func(x, y float64) float64 { return min(x, y) }, // NaN when either is NaN
	Max:       func(x, y float64) float64 { return max(x, y) },
	Less:      func(x, y float64) float64 { return Indicator(x < y) },
	LessEq:    func(x, y float64) float64 { return Indicator(x <= y) },
	Greater:   func(x, y float64) float64 { return Indicator(x > y) },
	GreaterEq: func(x, y float64) float64 { return Indicator(x >= y) },
	Equal:     func(x, y float64) float64 { return Indicator(x == y) },
	NotEqual:  func(x, y float64) float64 { return Indicator(x != y) },
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

// UnaryFunc returns the function that computes op; ok is false for an unknown operator. Code
// that evaluates many values (symbolic regression's vectorized search) looks it up once.
func UnaryFunc(op UnaryOp) (f func(x float64) float64, ok bool) {
	f, ok = unaryFuncs[op]
	return f, ok
}

// BinaryFunc returns the function that computes op; ok is false for an unknown operator.
func BinaryFunc(op BinaryOp) (f func(x, y float64) float64, ok bool) {
	f, ok = binaryFuncs[op]
	return f, ok
}

// SquareOf is x*x, rounded to float64 before anything else uses it, so that the compiler cannot
// fuse it into a later addition (which would change the last bit on some CPUs).
func SquareOf(x float64) float64 { return float64(x * x) }

// ProtectedSqrt is sqrt(|x|): a square root that never produces NaN from a finite number.
func ProtectedSqrt(x float64) float64 { return math.Sqrt(math.Abs(x)) }

// ProtectedDiv is x/y, and 0 when y is 0, so that a division never produces an infinity out of
// nothing.
func ProtectedDiv(x, y float64) float64 {
	if y == 0 {
		return 0
	}
	return x / y
}

// FloorMod is the floored remainder, the result having the sign of y, exactly as Python's % on
// floats (CPython's float_rem), and 0 when y is 0. math.Mod is exact, so Python and Go agree to
// the bit.
func FloorMod(x, y float64) float64 {
	if y == 0 {
		return 0
	}
	// Fast path for integer operands (exactly representable): the same result, bit for bit,
	// as the float path below, since fmod of integers is their exact truncated remainder.
	// Symbolic regression evaluates millions of these on digits and counts.
	const exact = 1 << 53
	if x > -exact && x < exact && y > -exact && y < exact {
		if xi, yi := int64(x), int64(y); float64(xi) == x && float64(yi) == y {
			r := xi % yi
			if r == 0 {
				return math.Copysign(0, y)
			}
			if (yi < 0) != (r < 0) {
				r += yi
			}
			return float64(r)
		}
	}
	r := fmod(x, y)
	if r == 0 {
		return math.Copysign(0, y)
	}
	if (y < 0) != (r < 0) { // also taken by NaN, which stays NaN
		r += y
	}
	return r
}

// fmod is math.Mod(x, y), bit for bit, computed as x − y·trunc(x/y) where that is provably
// exact, which it is for the operands symbolic regression meets (math.Mod reduces bit by bit
// and was a tenth of a real-valued fit's time). The remainder of x by y is always representable;
// when the product p = y·q has no rounding error (an FMA shows it) the subtraction x − p
// therefore has none either, and the result is the remainder exactly when q is the truncated
// quotient, which holds if and only if x − p is 0 or has x's sign and is smaller than |y|
// (a quotient off by k moves x − p by k·|y| out of that range, and rounding is monotone).
// Anything else, NaN and the infinities included, goes to math.Mod. TestFmod compares the two.
func fmod(x, y float64) float64 {
	q := math.Trunc(x / y)
	p := y * q
	if math.FMA(y, q, -p) == 0 {
		r := x - p
		if r == 0 {
			return math.Copysign(0, x) // math.Mod's zero has x's sign
		}
		if (r < 0) == (x < 0) && math.Abs(r) < math.Abs(y) {
			return r
		}
	}
	return math.Mod(x, y)
}

// Indicator turns a truth value into the numbers the network computes with.
func Indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
