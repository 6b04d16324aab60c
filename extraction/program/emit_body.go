package program

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The loop body is the same in every target language: the inputs and built-ins read at t, one
// definition per statement, then the outputs. bodyWriter writes it once, following the pointer
// definitions of the package doc; a spelling says how one language writes each piece.

// spelling is how one target language writes the parts of a loop body and of an expression.
type spelling struct {
	comment    string                     // what comes before an end-of-line comment
	input      string                     // input channel %d at position t
	pos, one   string                     // the built-ins
	declare    bool                       // a definition declares its variable (:=) unless it carries over
	markUnused bool                       // a variable nothing reads is marked used (Go rejects unused variables)
	previous   string                     // the value of history %s at t - %d
	mean       string                     // the running total %s divided by t + 1
	lastEqual  string                     // the helper of LastEqual
	or         string                     // the logical or
	open       string                     // what opens a block after its condition
	close      string                     // what closes it ("" when indentation does)
	indent     string                     // one level of indentation
	outputDef  string                     // the operator defining an output's temporary
	row        func(outs []string) string // the statement appending position t's outputs

	nan, inf, negInf string              // the constants that are not numerals
	floats           bool                // every numeral is a float literal (2.0), not only a whole right-hand side
	rounded          string              // a product %s that may feed an addition, rounded on its own ("" when never fused)
	truth            string              // the 1 or 0 of comparison %s
	infix            map[BinaryOp]string // the arithmetic written infix (/ and % only by a safe constant)
	calls            map[BinaryOp]string // the functions computing the other binary operators
	unary            map[UnaryOp]string  // the functions of the unary operators but Neg: a call of %s
}

// bodyWriter writes the loop body of one program in one spelling.
type bodyWriter struct {
	*plan
	sp        spelling
	lines     []string        // the loop body
	isCarried map[string]bool // variables declared before the loop
}

// emit adds a line to the loop body.
func (w *bodyWriter) emit(format string, args ...any) {
	w.lines = append(w.lines, fmt.Sprintf(format, args...))
}

// define adds the line defining a variable, then records it (see stored).
func (w *bodyWriter) define(name, format string, args ...any) {
	op := " = "
	if w.sp.declare && !w.isCarried[name] {
		op = " := "
	}
	w.emit(w.id[name]+op+format, args...)
	w.stored(name)
}

// stored records a variable in its history when it has one, or marks it used when nothing
// reads it and the language requires that.
func (w *bodyWriter) stored(name string) {
	if h := w.hist[name]; h != "" {
		w.emit("%s[t] = %s", h, w.id[name])
	} else if w.sp.markUnused && !w.used[name] {
		w.emit("_ = %s%snot read by the outputs", w.id[name], w.sp.comment)
	}
}

// loopBody writes one position: inputs, built-ins, statements, outputs.
func (w *bodyWriter) loopBody() {
	for c, name := range w.p.Inputs {
		if w.used[name] {
			w.define(name, w.sp.input, c)
		}
	}
	if w.used[BuiltinPos] {
		w.define(BuiltinPos, "%s", w.sp.pos)
	}
	if w.used[BuiltinOne] {
		w.define(BuiltinOne, "%s", w.sp.one)
	}
	for _, s := range w.p.Body {
		switch s := s.(type) {
		case Assign:
			w.define(s.Name, "%s", w.root(s.Expr))
		case Attend:
			w.attend(s)
		}
	}
	outs := make([]string, len(w.p.Outputs))
	for k, o := range w.p.Outputs {
		if v, ok := o.Expr.(Var); ok {
			outs[k] = w.id[v.Name]
			continue
		}
		outs[k] = w.id[o.Name]
		w.emit("%s %s %s", outs[k], w.sp.outputDef, w.root(o.Expr))
	}
	w.emit("%s", w.sp.row(outs))
}

// attend writes an attention read.
func (w *bodyWriter) attend(s Attend) {
	id, v, k, c := w.id[s.Name], w.id[s.Value], w.id[s.Pointer.Key], w.sp.comment
	switch s.Pointer.Kind {
	case Previous:
		if s.Pointer.Offset == 0 {
			w.define(s.Name, "%s", v)
			return
		}
		w.define(s.Name, w.sp.previous+"%s%s[t-%d], 0 before the start", w.hist[s.Value], s.Pointer.Offset, c, v, s.Pointer.Offset)
	case First:
		w.define(s.Name, "%s[0]", w.hist[s.Value])
	case PrefixSum:
		w.emit("%s += %s%sthe sum of %s[0..t]", id, v, c, v)
		w.stored(s.Name)
	case PrefixMean:
		w.emit("%s += %s", w.state[s.Name], v)
		w.define(s.Name, w.sp.mean+"%sthe mean of %s[0..t]", w.state[s.Name], c, v)
	case ArgMax, ArgMin:
		w.argBest(s, id, v, k)
	case LastEqual:
		w.define(s.Name, "%s(%s, %s, t)%s0 when no earlier %s equals %s[t]", w.sp.lastEqual, w.hist[s.Pointer.Key], w.hist[s.Value], c, k, k)
	}
}

// argBest writes ArgMax or ArgMin: a running best key, replaced by every position whose key is
// at least as good, so that ties go to the latest position.
func (w *bodyWriter) argBest(s Attend, id, v, k string) {
	cmp := ">="
	if s.Pointer.Kind == ArgMin {
		cmp = "<="
	}
	key, best, assign := v, id, fmt.Sprintf("%s = %s", id, v)
	if s.Value != s.Pointer.Key {
		key, best = k, w.state[s.Name]
		assign = fmt.Sprintf("%s, %s = %s, %s", id, best, v, k)
	}
	w.emit("if t == 0 %s %s %s %s%s%sthe latest position among ties", w.sp.or, key, cmp, best, w.sp.open, w.sp.comment)
	w.emit("%s%s", w.sp.indent, assign)
	if w.sp.close != "" {
		w.emit("%s", w.sp.close)
	}
	w.stored(s.Name)
}

// bodyLines writes the loop body and returns its lines, each indented by prefix.
func (w *bodyWriter) bodyLines(prefix string) string {
	w.loopBody()
	var b strings.Builder
	for _, line := range w.lines {
		b.WriteString(prefix + line + "\n")
	}
	return b.String()
}

// root writes the whole right-hand side of a definition: a constant as a float literal (the
// variable is a float), anything else as a value that may be added later.
func (w *bodyWriter) root(e Expr) string {
	if c, ok := e.(Const); ok {
		s, _ := w.number(c.Value, true)
		return s
	}
	return w.expr(e, 0, true)
}

// expr writes e, in parentheses when it binds looser than needed. addend says that the value
// may feed an addition, so a product there must be rounded on its own where the language would
// fuse them (Go does on arm64).
func (w *bodyWriter) expr(e Expr, needed int, addend bool) string {
	s, prec := w.exprPrec(e, addend)
	if prec < needed {
		return "(" + s + ")"
	}
	return s
}

// operand writes the right operand of an infix operator or a negation, in parentheses when it
// is negative.
func (w *bodyWriter) operand(e Expr, needed int, addend bool) string {
	s := w.expr(e, needed, addend)
	if strings.HasPrefix(s, "-") {
		return "(" + s + ")"
	}
	return s
}

// exprPrec writes e and returns its precedence (on the pseudo-code's scale: comparisons are
// wrapped in a call in the target languages, so they never meet an arithmetic operator).
func (w *bodyWriter) exprPrec(e Expr, addend bool) (string, int) {
	switch e := e.(type) {
	case Var:
		return w.id[e.Name], precAtom
	case Const:
		return w.number(e.Value, w.sp.floats)
	case Unary:
		return w.unary(e, addend)
	case Binary:
		return w.binary(e, addend)
	}
	panic("unreachable: validated")
}

// number writes a constant that reads back to the same float64, as a float literal (2.0) when
// asFloat, where the language would take 2 for an integer.
func (w *bodyWriter) number(v float64, asFloat bool) (string, int) {
	var s string
	switch {
	case math.IsNaN(v):
		s = w.sp.nan
	case math.IsInf(v, 1):
		s = w.sp.inf
	case math.IsInf(v, -1):
		s = w.sp.negInf
	default:
		s = strconv.FormatFloat(v, 'g', -1, 64)
		if asFloat && !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
	}
	if strings.HasPrefix(s, "-") {
		return s, precUnary
	}
	return s, precAtom
}

// unary writes a one-argument operator: the square of a variable as a product, the others as
// the language's functions.
func (w *bodyWriter) unary(e Unary, addend bool) (string, int) {
	if e.Op == Neg {
		return "-" + w.operand(e.X, precUnary, true), precUnary
	}
	if _, isVar := e.X.(Var); e.Op == Square && isVar {
		return w.binary(Binary{Mul, e.X, e.X}, addend)
	}
	return fmt.Sprintf(w.sp.unary[e.Op], w.expr(e.X, 0, false)), precAtom
}

// binary writes a two-argument operator: infix where the language's operator means the same, a
// function otherwise.
func (w *bodyWriter) binary(e Binary, addend bool) (string, int) {
	if IsComparison(e.Op) { // spelled as in the pseudo-code
		cmp := " " + binaryInfix[e.Op].text + " "
		return fmt.Sprintf(w.sp.truth, w.expr(e.X, precAdd, false)+cmp+w.expr(e.Y, precAdd, false)), precAtom
	}
	if op, ok := w.sp.infix[e.Op]; ok && (e.Op != Div && e.Op != Mod || isSafeDivisor(e.Y)) {
		prec := precMul
		if e.Op == Add || e.Op == Sub {
			prec = precAdd
		}
		y := w.operand(e.Y, prec+1, prec == precAdd)
		s := w.expr(e.X, prec, prec == precAdd) + " " + op + " " + y
		if e.Op == Mul && addend && w.sp.rounded != "" {
			return fmt.Sprintf(w.sp.rounded, s), precAtom
		}
		return s, prec
	}
	return w.sp.calls[e.Op] + "(" + w.expr(e.X, 0, false) + ", " + w.expr(e.Y, 0, false) + ")", precAtom
}
