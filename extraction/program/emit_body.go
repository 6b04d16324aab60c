package program

import (
	"fmt"
	"strings"
)

// The loop body is the same in every target language: the inputs and built-ins read at t, one
// definition per statement, then the outputs. bodyWriter writes it once, following the pointer
// definitions of the package doc; a spelling says how one language writes each piece.

// spelling is how one target language writes the parts of a loop body.
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
	expr       func(e Expr) string        // the right-hand side of a definition
}

// bodyWriter writes the loop body of one program in one spelling, noting the helpers it calls.
type bodyWriter struct {
	*plan
	sp        spelling
	helpers   map[string]bool
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
			w.define(s.Name, "%s", w.sp.expr(s.Expr))
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
		w.emit("%s %s %s", outs[k], w.sp.outputDef, w.sp.expr(o.Expr))
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
		w.helpers["at"] = true
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
		w.helpers[w.sp.lastEqual] = true
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
