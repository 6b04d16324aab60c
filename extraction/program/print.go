package program

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// The pseudo-code is the program as users see it on the command line, and parse.go reads it
// back. For example:
//
//	program parity_last2(x) -> y:
//	  for t:
//	    prev1_x = x[t-1]  # 0 before the start
//	    y = (x + prev1_x) mod 2
//
// The header lists the inputs and, after ->, the outputs; the lines that define outputs are
// those named there. Attention reads are written
//
//	x[t-k]   x[t]   x[0]   sum(x[0..t])   mean(x[0..t])   v[argmax(k[0..t])]
//	v[argmin(k[0..t])]   v[last j < t: k[j] == k[t]]
//
// and formulas as infix expressions with the operators, lowest precedence first,
// comparisons (< <= > >= == !=, not chained), + and -, * / and mod, unary -, and ^2 (square);
// the functions abs, sqrt, sin, cos, exp, floor, round, min and max; numbers, nan and inf.
// Operators of one level group to the left. A name that is not a plain identifier, or that is
// a keyword, is written as a Go string literal ("my var").

// keywords are the words of the pseudo-code; a variable with one of these names is quoted.
var keywords = map[string]bool{
	"program": true, "for": true, "t": true, "j": true, "mod": true, "last": true,
	"sum": true, "mean": true, "argmax": true, "argmin": true, "nan": true, "inf": true,
	"abs": true, "sqrt": true, "sin": true, "cos": true, "exp": true, "floor": true,
	"round": true, "min": true, "max": true,
}

// Precedence levels of the pseudo-code, lowest first.
const (
	precCompare = iota + 1
	precAdd
	precMul
	precUnary
	precPostfix
	precAtom
)

// unaryFuncNames are the operators written as function calls.
var unaryFuncNames = map[UnaryOp]string{
	Abs: "abs", Sqrt: "sqrt", Sin: "sin", Cos: "cos", Exp: "exp", Floor: "floor", Round: "round",
}

// binaryInfix maps infix operators to their spelling and precedence.
var binaryInfix = map[BinaryOp]struct {
	text string
	prec int
}{
	Add: {"+", precAdd}, Sub: {"-", precAdd}, Mul: {"*", precMul}, Div: {"/", precMul},
	Mod: {"mod", precMul}, Less: {"<", precCompare}, LessEq: {"<=", precCompare},
	Greater: {">", precCompare}, GreaterEq: {">=", precCompare}, Equal: {"==", precCompare},
	NotEqual: {"!=", precCompare},
}

// Format returns p as pseudo-code. It prints any program, valid or not.
func Format(p *Program) string {
	var b strings.Builder
	outs := make([]string, len(p.Outputs))
	for k, o := range p.Outputs {
		outs[k] = formatName(o.Name)
	}
	b.WriteString("program " + formatName(p.Name) + "(" + joinNames(p.Inputs) + ") -> " +
		strings.Join(outs, ", ") + ":\n  for t:\n")
	var lines, comments []string
	for _, s := range p.Body {
		code, comment := formatStmt(s)
		lines, comments = append(lines, code), append(comments, comment)
	}
	for _, o := range p.Outputs {
		lines, comments = append(lines, formatName(o.Name)+" = "+FormatExpr(o.Expr)), append(comments, "")
	}
	writeAligned(&b, lines, comments)
	return b.String()
}

// String returns the program as pseudo-code.
func (p *Program) String() string { return Format(p) }

// joinNames formats names separated by commas.
func joinNames(names []string) string {
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = formatName(name)
	}
	return strings.Join(quoted, ", ")
}

// writeAligned writes the body lines, their comments lined up in one column.
func writeAligned(b *strings.Builder, lines, comments []string) {
	const maxColumn = 40
	column := 0
	for i, line := range lines {
		if comments[i] != "" && len(line) > column && len(line) <= maxColumn {
			column = len(line)
		}
	}
	for i, line := range lines {
		b.WriteString("    " + line)
		if comments[i] != "" {
			b.WriteString(strings.Repeat(" ", max(column-len(line), 0)) + "  # " + comments[i])
		}
		b.WriteString("\n")
	}
}

// formatStmt returns a statement's line and its comment.
func formatStmt(s Stmt) (code, comment string) {
	switch s := s.(type) {
	case Assign:
		return formatName(s.Name) + " = " + FormatExpr(s.Expr), ""
	case Attend:
		rhs, comment := formatAttend(s)
		return formatName(s.Name) + " = " + rhs, comment
	}
	return "<unsupported statement>", ""
}

// Read writes the attention read of the statement as pseudo-code, e.g. "x[t-1]" or
// "sum(x[0..t])".
func (s Attend) Read() string {
	code, _ := formatAttend(s)
	return code
}

// formatAttend writes an attention read, with a comment on what the notation leaves implicit.
func formatAttend(s Attend) (code, comment string) {
	v, k := formatName(s.Value), formatName(s.Pointer.Key)
	switch s.Pointer.Kind {
	case Previous:
		if s.Pointer.Offset == 0 {
			return v + "[t]", ""
		}
		return v + "[t-" + strconv.Itoa(s.Pointer.Offset) + "]", "0 before the start"
	case First:
		return v + "[0]", ""
	case PrefixSum:
		return "sum(" + v + "[0..t])", ""
	case PrefixMean:
		return "mean(" + v + "[0..t])", ""
	case ArgMax, ArgMin:
		return v + "[" + string(s.Pointer.Kind) + "(" + k + "[0..t])]", "the latest position among ties"
	case LastEqual:
		return v + "[last j < t: " + k + "[j] == " + k + "[t]]", "0 when there is none"
	}
	return "<unknown pointer " + strconv.Quote(string(s.Pointer.Kind)) + ">", ""
}

// IsPlainName reports whether name is written as is in pseudo-code: an identifier (letters,
// digits and underscores, not starting with a digit) that is not a keyword.
func IsPlainName(name string) bool {
	if name == "" || keywords[name] {
		return false
	}
	for i, r := range name {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return true
}

// formatName writes a name, quoted unless it is plain.
func formatName(name string) string {
	if IsPlainName(name) {
		return name
	}
	return strconv.Quote(name)
}

// FormatExpr writes an expression in pseudo-code, with the fewest parentheses that keep its
// tree.
func FormatExpr(e Expr) string {
	s, _ := formatExpr(e)
	return s
}

// formatExpr returns the text of e and its precedence level.
func formatExpr(e Expr) (string, int) {
	switch e := e.(type) {
	case Var:
		return formatName(e.Name), precAtom
	case Const:
		return formatConst(e.Value)
	case Unary:
		return formatUnary(e)
	case Binary:
		return formatBinary(e)
	}
	return "<unsupported expression>", precAtom
}

// formatConst writes a number in its shortest exact form; negative numbers bind like a unary
// minus.
func formatConst(v float64) (string, int) {
	var s string
	switch {
	case math.IsNaN(v):
		return "nan", precAtom
	case math.IsInf(v, 0):
		s = "inf"
		if v < 0 {
			s = "-inf"
		}
	default:
		s = strconv.FormatFloat(v, 'g', -1, 64)
	}
	if math.Signbit(v) {
		return s, precUnary
	}
	return s, precAtom
}

// formatUnary writes a function call, a negation or a square.
func formatUnary(e Unary) (string, int) {
	if name, ok := unaryFuncNames[e.Op]; ok {
		return name + "(" + FormatExpr(e.X) + ")", precAtom
	}
	x, prec := formatExpr(e.X)
	switch e.Op {
	case Neg:
		// -(2) is the negation of a constant, -2 the negative constant; -(-x) avoids "--".
		_, isConst := e.X.(Const)
		return "-" + paren(x, prec < precUnary || isConst || strings.HasPrefix(x, "-")), precUnary
	case Square:
		return paren(x, prec < precPostfix) + "^2", precPostfix
	}
	return "<unknown operator " + strconv.Quote(string(e.Op)) + ">(" + x + ")", precAtom
}

// formatBinary writes an infix operation, or min/max as a call. Left operands of the same
// level go without parentheses (operators group to the left), right ones with; comparisons do
// not chain; a right operand starting with a minus is parenthesized for legibility.
func formatBinary(e Binary) (string, int) {
	x, xp := formatExpr(e.X)
	y, yp := formatExpr(e.Y)
	if e.Op == Min || e.Op == Max {
		return string(e.Op) + "(" + x + ", " + y + ")", precAtom
	}
	op, ok := binaryInfix[e.Op]
	if !ok {
		return "<unknown operator " + strconv.Quote(string(e.Op)) + ">(" + x + ", " + y + ")", precAtom
	}
	leftNeeds := op.prec
	if op.prec == precCompare {
		leftNeeds = precCompare + 1
	}
	return paren(x, xp < leftNeeds) + " " + op.text + " " +
		paren(y, yp <= op.prec || strings.HasPrefix(y, "-")), op.prec
}

// paren wraps s in parentheses when needed.
func paren(s string, needed bool) string {
	if needed {
		return "(" + s + ")"
	}
	return s
}
