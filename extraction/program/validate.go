package program

import (
	"errors"
	"fmt"
)

// Validate checks that p is a well-formed program under the rules of the package doc: every name
// is defined once and collides with no input or built-in, every pointer is well formed, and every
// statement reads at position t only what is already defined there. It reports every problem it
// finds, one per line.
func (p *Program) Validate() error {
	if p == nil {
		return errors.New("program: nil program")
	}
	v := &validator{defined: map[string]int{}}
	v.inputs(p.Inputs)
	v.bodyNames(p.Body)
	for i, s := range p.Body {
		v.stmt(i, s)
	}
	v.outputs(p.Outputs)
	return errors.Join(v.errs...)
}

// Definition sites in validator.defined: an input or a built-in, or the index of the statement.
const definedOutside = -1

// validator accumulates the problems of one program.
type validator struct {
	defined map[string]int // variable -> definedOutside or the index of its statement
	errs    []error
}

func (v *validator) errorf(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

// inputs checks the input names and defines them with the built-ins.
func (v *validator) inputs(names []string) {
	v.defined[BuiltinPos] = definedOutside
	v.defined[BuiltinOne] = definedOutside
	for i, name := range names {
		switch {
		case name == "":
			v.errorf("input %d has an empty name", i)
		case IsBuiltin(name):
			v.errorf("input %d is named %q, which is a built-in", i, name)
		case v.has(name):
			v.errorf("input %d is named %q, like an earlier input", i, name)
		default:
			v.defined[name] = definedOutside
		}
	}
}

// bodyNames defines every body variable before the statements are checked, because a statement
// may read a later variable at an earlier position.
func (v *validator) bodyNames(body []Stmt) {
	for i, s := range body {
		if s == nil {
			v.errorf("statement %d is nil", i)
			continue
		}
		name := s.Defines()
		switch j, dup := v.defined[name]; {
		case name == "":
			v.errorf("statement %d defines a variable with an empty name", i)
		case IsBuiltin(name):
			v.errorf("statement %d defines %q, which is a built-in", i, name)
		case dup && j == definedOutside:
			v.errorf("statement %d defines %q, which is an input", i, name)
		case dup:
			v.errorf("statement %d defines %q, already defined by statement %d", i, name, j)
		default:
			v.defined[name] = i
		}
	}
}

func (v *validator) has(name string) bool { _, ok := v.defined[name]; return ok }

// stmt checks one statement, at body index i.
func (v *validator) stmt(i int, s Stmt) {
	switch s := s.(type) {
	case nil:
	case Assign:
		where := fmt.Sprintf("statement %d (%s)", i, s.Name)
		v.expr(where, s.Expr, func(name string) { v.readAtT(where, i, name) })
	case Attend:
		v.attend(i, s)
	default:
		v.errorf("statement %d has unsupported type %T (use the value types Assign and Attend)", i, s)
	}
}

// attend checks an attention read: a known pointer with only its own parameter set, and value
// and key readable where the pointer reads them.
func (v *validator) attend(i int, s Attend) {
	where := fmt.Sprintf("statement %d (%s)", i, s.Name)
	ptr := s.Pointer
	switch ptr.Kind {
	case Previous, First, PrefixMean, PrefixSum, ArgMax, ArgMin, LastEqual:
	default:
		v.errorf("%s: unknown pointer kind %q", where, ptr.Kind)
		return
	}
	if ptr.Kind == Previous && ptr.Offset < 0 {
		v.errorf("%s: previous pointer with negative offset %d", where, ptr.Offset)
	}
	if ptr.Kind != Previous && ptr.Offset != 0 {
		v.errorf("%s: %s pointer with an offset (%d); only previous takes one", where, ptr.Kind, ptr.Offset)
	}
	keyed := ptr.Kind == ArgMax || ptr.Kind == ArgMin || ptr.Kind == LastEqual
	switch {
	case keyed && ptr.Key == "":
		v.errorf("%s: %s pointer without a key", where, ptr.Kind)
	case keyed:
		v.readAtT(where, i, ptr.Key) // every keyed pointer compares key[t]
	case ptr.Key != "":
		v.errorf("%s: %s pointer with a key (%q); only argmax, argmin and last_equal take one", where, ptr.Kind, ptr.Key)
	}
	if s.Value == "" {
		v.errorf("%s: attention read without a value", where)
	} else if readsEarlierOnly(ptr) {
		v.readEarlier(where, s.Value)
	} else {
		v.readAtT(where, i, s.Value)
	}
}

// readsEarlierOnly reports whether a pointer reads its value only at positions before t, so the
// value may be defined anywhere in the body.
func readsEarlierOnly(ptr Pointer) bool {
	return (ptr.Kind == Previous && ptr.Offset >= 1) || ptr.Kind == LastEqual
}

// readAtT checks that statement i may read name at position t: an input, a built-in or a
// variable defined by an earlier statement.
func (v *validator) readAtT(where string, i int, name string) {
	j, ok := v.defined[name]
	switch {
	case !ok:
		v.errorf("%s: %q is not defined", where, name)
	case j == i:
		v.errorf("%s: reads itself at position t (read it at t-1 with a previous pointer instead)", where)
	case j > i:
		v.errorf("%s: reads %q at position t, but it is defined later, by statement %d "+
			"(move that statement up, or read it at t-1 with a previous pointer)", where, name, j)
	}
}

// readEarlier checks that name is defined somewhere, for a read at earlier positions.
func (v *validator) readEarlier(where, name string) {
	if !v.has(name) {
		v.errorf("%s: %q is not defined", where, name)
	}
}

// outputs checks the output channels: distinct names of their own, and expressions over
// defined variables.
func (v *validator) outputs(outs []Output) {
	if len(outs) == 0 {
		v.errorf("the program has no outputs")
	}
	seen := map[string]bool{}
	for k, o := range outs {
		where := fmt.Sprintf("output %d (%s)", k, o.Name)
		switch {
		case o.Name == "":
			v.errorf("output %d has an empty name", k)
		case seen[o.Name]:
			v.errorf("%s: named like an earlier output", where)
		case v.has(o.Name):
			v.errorf("%s: named like an input, a built-in or a body variable (outputs are channels, not variables)", where)
		}
		seen[o.Name] = true
		v.expr(where, o.Expr, func(name string) { v.readEarlier(where, name) })
	}
}

// expr checks that e is a well-formed tree of the value types with known operators, and
// passes every variable it reads to read.
func (v *validator) expr(where string, e Expr, read func(name string)) {
	switch e := e.(type) {
	case nil:
		v.errorf("%s: missing expression", where)
	case Var:
		read(e.Name)
	case Const:
	case Unary:
		if _, ok := unaryFuncs[e.Op]; !ok {
			v.errorf("%s: unknown unary operator %q", where, e.Op)
		}
		v.expr(where, e.X, read)
	case Binary:
		if _, ok := binaryFuncs[e.Op]; !ok {
			v.errorf("%s: unknown binary operator %q", where, e.Op)
		}
		v.expr(where, e.X, read)
		v.expr(where, e.Y, read)
	default:
		v.errorf("%s: unsupported expression type %T (use the value types Var, Const, Unary, Binary)", where, e)
	}
}
