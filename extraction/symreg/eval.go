package symreg

import (
	"fmt"
	"math"

	"github.com/discretetransformer/w2c/extraction/program"
)

// This file is the package's internal evaluator of program.Expr, for speed: vectors of values,
// one operator at a time. What each operator computes is the program package's (program/
// semantics.go, the one source of truth): the scalar helpers are program.UnaryFunc and
// program.BinaryFunc, and the vectorized loops below call program's own functions element by
// element (products as float64(x*y), which no compiler may fuse into a later addition), so a
// found expression evaluates bit-for-bit the same in the search, in evalScalar / evalVec and in
// the interpreter.

// unaryScalar applies op to x; ok is false for an unknown operator.
func unaryScalar(op program.UnaryOp, x float64) (v float64, ok bool) {
	f, ok := program.UnaryFunc(op)
	if !ok {
		return 0, false
	}
	return f(x), true
}

// binaryScalar applies op to (x, y); ok is false for an unknown operator.
func binaryScalar(op program.BinaryOp, x, y float64) (v float64, ok bool) {
	f, ok := program.BinaryFunc(op)
	if !ok {
		return 0, false
	}
	return f(x, y), true
}

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
	switch op {
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
		if t == nil {
			return nil, fmt.Errorf("symreg: nil *Var")
		}
		return *t, nil
	case *program.Const:
		if t == nil {
			return nil, fmt.Errorf("symreg: nil *Const")
		}
		return *t, nil
	case *program.Unary:
		if t == nil {
			return nil, fmt.Errorf("symreg: nil *Unary")
		}
		return *t, nil
	case *program.Binary:
		if t == nil {
			return nil, fmt.Errorf("symreg: nil *Binary")
		}
		return *t, nil
	}
	return nil, fmt.Errorf("symreg: unknown expression type %T", e)
}

// evalScalar evaluates e with the variables in env. It returns an error only for a malformed
// expression (nil node, unknown operator or node type) or an unbound variable; arithmetic never
// errors (see the package doc for where NaN and ±Inf can appear).
func evalScalar(e program.Expr, env map[string]float64) (float64, error) {
	e, err := exprParts(e)
	if err != nil {
		return 0, err
	}
	switch t := e.(type) {
	case program.Var:
		v, ok := env[t.Name]
		if !ok {
			return 0, fmt.Errorf("symreg: unbound variable %q", t.Name)
		}
		return v, nil
	case program.Const:
		return t.Value, nil
	case program.Unary:
		x, err := evalScalar(t.X, env)
		if err != nil {
			return 0, err
		}
		v, ok := unaryScalar(t.Op, x)
		if !ok {
			return 0, fmt.Errorf("symreg: unknown unary operator %q", t.Op)
		}
		return v, nil
	case program.Binary:
		x, err := evalScalar(t.X, env)
		if err != nil {
			return 0, err
		}
		y, err := evalScalar(t.Y, env)
		if err != nil {
			return 0, err
		}
		v, ok := binaryScalar(t.Op, x, y)
		if !ok {
			return 0, fmt.Errorf("symreg: unknown binary operator %q", t.Op)
		}
		return v, nil
	}
	panic("unreachable")
}

// evalVec evaluates e element-wise over columns of length n (env maps a variable to its
// column). The result is a fresh slice; errors are as for evalScalar.
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
