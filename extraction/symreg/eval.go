package symreg

import (
	"fmt"
	"math"

	"github.com/discretetransformer/w2c/extraction/program"
)

// This file is the package's internal evaluator of program.Expr, for speed: vectors of values,
// one operator at a time. What each operator computes is the program package's (program/
// semantics.go, the one source of truth): the vectorized loops below call program's own
// functions element by element (products as float64(x*y), which no compiler may fuse into a
// later addition), so a found expression evaluates bit-for-bit the same in the search, in
// evalVec and in the interpreter (FuzzEval checks it against program.EvalExpr). One loop per
// operator, not one loop calling program.BinaryFunc(op): a call through a function value per
// element made whole searches 10 to 20% slower (BenchmarkFit2DNoiseFullBudget,
// BenchmarkFit2DIntegerFloorSum).

// unaryVec writes op(x[i]) to out[i]; it returns false for an unknown operator.
// The switch is hoisted out of the loop; each loop body is the scalar helper.
func unaryVec(op program.UnaryOp, x, out []float64) bool {
	out = out[:len(x)]
	switch op {
	case program.Neg:
		for i, v := range x {
			out[i] = -v
		}
	case program.Abs:
		for i, v := range x {
			out[i] = math.Abs(v)
		}
	case program.Square:
		for i, v := range x {
			out[i] = program.SquareOf(v)
		}
	case program.Sqrt:
		for i, v := range x {
			out[i] = program.ProtectedSqrt(v)
		}
	case program.Sin:
		for i, v := range x {
			out[i] = math.Sin(v)
		}
	case program.Cos:
		for i, v := range x {
			out[i] = math.Cos(v)
		}
	case program.Exp:
		for i, v := range x {
			out[i] = math.Exp(v)
		}
	case program.Floor:
		for i, v := range x {
			out[i] = math.Floor(v)
		}
	case program.Round:
		for i, v := range x {
			out[i] = math.Round(v)
		}
	default:
		return false
	}
	return true
}

// binaryVec writes op(x[i], y[i]) to out[i]; it returns false for an unknown operator.
func binaryVec(op program.BinaryOp, x, y, out []float64) bool {
	y = y[:len(x)]
	out = out[:len(x)]
	switch op {
	case program.Add:
		for i, v := range x {
			out[i] = v + y[i]
		}
	case program.Sub:
		for i, v := range x {
			out[i] = v - y[i]
		}
	case program.Mul:
		for i, v := range x {
			out[i] = float64(v * y[i])
		}
	case program.Div:
		for i, v := range x {
			out[i] = program.ProtectedDiv(v, y[i])
		}
	case program.Mod:
		for i, v := range x {
			out[i] = program.FloorMod(v, y[i])
		}
	case program.Min:
		for i, v := range x {
			out[i] = min(v, y[i])
		}
	case program.Max:
		for i, v := range x {
			out[i] = max(v, y[i])
		}
	case program.Less:
		for i, v := range x {
			out[i] = program.Indicator(v < y[i])
		}
	case program.LessEq:
		for i, v := range x {
			out[i] = program.Indicator(v <= y[i])
		}
	case program.Greater:
		for i, v := range x {
			out[i] = program.Indicator(v > y[i])
		}
	case program.GreaterEq:
		for i, v := range x {
			out[i] = program.Indicator(v >= y[i])
		}
	case program.Equal:
		for i, v := range x {
			out[i] = program.Indicator(v == y[i])
		}
	case program.NotEqual:
		for i, v := range x {
			out[i] = program.Indicator(v != y[i])
		}
	default:
		return false
	}
	return true
}

// binaryConstVec writes op(x[i], c) to out[i].
func binaryConstVec(op program.BinaryOp, x []float64, c float64, out []float64) bool {
	out = out[:len(x)]
	// The operators the templates apply most (clamps, offsets, scales) are written out, as in
	// binaryVec, so that the loop calls no function per element; each computes what
	// program.BinaryFunc's function computes.
	switch op {
	case program.Add:
		for i, v := range x {
			out[i] = v + c
		}
	case program.Sub:
		for i, v := range x {
			out[i] = v - c
		}
	case program.Mul:
		for i, v := range x {
			out[i] = float64(v * c)
		}
	case program.Min:
		for i, v := range x {
			out[i] = min(v, c)
		}
	case program.Max:
		for i, v := range x {
			out[i] = max(v, c)
		}
	case program.Mod:
		for i, v := range x {
			out[i] = program.FloorMod(v, c)
		}
	case program.Div:
		for i, v := range x {
			out[i] = program.ProtectedDiv(v, c)
		}
	default:
		f, ok := program.BinaryFunc(op)
		if !ok {
			return false
		}
		for i, v := range x {
			out[i] = f(v, c)
		}
	}
	return true
}

// exprParts unpacks an expression given by value or by (non-nil) pointer.
func exprParts(e program.Expr) (program.Expr, error) {
	switch t := e.(type) {
	case nil:
		return nil, fmt.Errorf("symreg: nil expression")
	case program.Var, program.Const, program.Unary, program.Binary:
		return t, nil
	case *program.Var:
		return deref(t)
	case *program.Const:
		return deref(t)
	case *program.Unary:
		return deref(t)
	case *program.Binary:
		return deref(t)
	}
	return nil, fmt.Errorf("symreg: unknown expression type %T", e)
}

// deref returns the node p points to, or an error when p is nil.
func deref[T program.Var | program.Const | program.Unary | program.Binary](p *T) (program.Expr, error) {
	if p == nil {
		return nil, fmt.Errorf("symreg: nil %T", p)
	}
	return any(*p).(program.Expr), nil
}

// evalVec evaluates e element-wise over columns of length n (env maps a variable to its
// column). The result is a fresh slice. It returns an error only for a malformed expression (nil
// node, unknown operator or node type) or an unbound variable; arithmetic never errors (see the
// package doc for where NaN and ±Inf can appear).
func evalVec(e program.Expr, env map[string][]float64, n int) ([]float64, error) {
	e, err := exprParts(e)
	if err != nil {
		return nil, err
	}
	out := make([]float64, n)
	switch t := e.(type) {
	case program.Var:
		col, ok := env[t.Name]
		if !ok {
			return nil, fmt.Errorf("symreg: unbound variable %q", t.Name)
		}
		if len(col) < n {
			return nil, fmt.Errorf("symreg: column %q has %d values, want %d", t.Name, len(col), n)
		}
		copy(out, col[:n])
	case program.Const:
		for i := range out {
			out[i] = t.Value
		}
	case program.Unary:
		x, err := evalVec(t.X, env, n)
		if err != nil {
			return nil, err
		}
		if !unaryVec(t.Op, x, out) {
			return nil, fmt.Errorf("symreg: unknown unary operator %q", t.Op)
		}
	case program.Binary:
		x, err := evalVec(t.X, env, n)
		if err != nil {
			return nil, err
		}
		y, err := evalVec(t.Y, env, n)
		if err != nil {
			return nil, err
		}
		if !binaryVec(t.Op, x, y, out) {
			return nil, fmt.Errorf("symreg: unknown binary operator %q", t.Op)
		}
	}
	return out, nil
}
