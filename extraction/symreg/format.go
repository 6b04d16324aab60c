package symreg

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Complexity is the size of e: every node (variable, constant, unary or binary operator) counts
// 1. So x+y is 3, |x−y| is 4, 3.2*x − 1.5 is 5 and floor(x/15) is 4. A nil or malformed node
// counts 1.
func Complexity(e program.Expr) int {
	e, err := exprParts(e)
	if err != nil {
		return 1
	}
	switch t := e.(type) {
	case program.Unary:
		return 1 + Complexity(t.X)
	case program.Binary:
		return 1 + Complexity(t.X) + Complexity(t.Y)
	}
	return 1
}

// String prints e in infix form with the fewest parentheses that keep it unambiguous:
// + − * / and comparisons are infix ("3.2*x - 1.5", "(x == y)" when nested), neg is a prefix
// minus, and the other operators are calls: abs(x), square(x), sqrt(x), sin(x), cos(x),
// exp(x), floor(x), round(x), mod(x, y), min(x, y), max(x, y). Constants use the shortest
// decimal that reads back exactly ('g' format). The form is canonical for a given tree, so it is
// suitable for tests and debugging; it is not meant to be parsed back.
func String(e program.Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

// Precedence levels: higher binds tighter.
const (
	precCmp  = 1
	precAdd  = 2
	precMul  = 3
	precNeg  = 4
	precAtom = 5
)

func exprPrec(e program.Expr) int {
	e, err := exprParts(e)
	if err != nil {
		return precAtom
	}
	switch t := e.(type) {
	case program.Const:
		if t.Value < 0 || (t.Value == 0 && math.Signbit(t.Value)) {
			return precNeg
		}
	case program.Unary:
		if t.Op == program.Neg {
			return precNeg
		}
	case program.Binary:
		switch t.Op {
		case program.Add, program.Sub:
			return precAdd
		case program.Mul, program.Div:
			return precMul
		case program.Less, program.LessEq, program.Greater, program.GreaterEq, program.Equal, program.NotEqual:
			return precCmp
		}
	}
	return precAtom
}

func writeOperand(b *strings.Builder, e program.Expr, minPrec int) {
	if exprPrec(e) < minPrec {
		b.WriteByte('(')
		writeExpr(b, e)
		b.WriteByte(')')
		return
	}
	writeExpr(b, e)
}

func writeExpr(b *strings.Builder, e program.Expr) {
	e, err := exprParts(e)
	if err != nil {
		b.WriteString("<?>")
		return
	}
	switch t := e.(type) {
	case program.Var:
		b.WriteString(t.Name)
	case program.Const:
		b.WriteString(strconv.FormatFloat(t.Value, 'g', -1, 64))
	case program.Unary:
		if t.Op == program.Neg {
			b.WriteByte('-')
			writeOperand(b, t.X, precAtom)
			return
		}
		b.WriteString(string(t.Op))
		b.WriteByte('(')
		writeExpr(b, t.X)
		b.WriteByte(')')
	case program.Binary:
		switch p := exprPrec(t); p {
		case precAdd, precMul, precCmp:
			left := p
			if p == precCmp {
				left = p + 1 // never chain comparisons
			}
			writeOperand(b, t.X, left)
			op := string(t.Op)
			if p == precMul {
				b.WriteString(op)
			} else {
				b.WriteString(" " + op + " ")
			}
			// Right operands of - and / (and of everything at the same level, for clarity
			// with comparisons) need parentheses at equal precedence.
			writeOperand(b, t.Y, p+1)
		default:
			b.WriteString(string(t.Op))
			b.WriteByte('(')
			writeExpr(b, t.X)
			b.WriteString(", ")
			writeExpr(b, t.Y)
			b.WriteByte(')')
		}
	default:
		fmt.Fprintf(b, "%v", t)
	}
}
