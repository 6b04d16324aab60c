package program

import "math"

// This file holds the small tree walks that every pass needs: visiting the variables an
// expression reads, rebuilding an expression bottom-up, and comparing expressions.

// Builtin names: the position index and the constant one, always defined.
const (
	BuiltinPos = "pos"
	BuiltinOne = "one"
)

// IsBuiltin reports whether name is a built-in variable.
func IsBuiltin(name string) bool { return name == BuiltinPos || name == BuiltinOne }

// ExprVars calls visit with the name of every variable e reads, in reading order, repeats
// included.
func ExprVars(e Expr, visit func(name string)) {
	switch e := e.(type) {
	case Var:
		visit(e.Name)
	case Unary:
		ExprVars(e.X, visit)
	case Binary:
		ExprVars(e.X, visit)
		ExprVars(e.Y, visit)
	}
}

// Rewrite rebuilds e bottom-up: children first, then f on the rebuilt node (so f meets the
// leaves left to right).
func Rewrite(e Expr, f func(Expr) Expr) Expr {
	switch n := e.(type) {
	case Unary:
		n.X = Rewrite(n.X, f)
		return f(n)
	case Binary:
		n.X = Rewrite(n.X, f)
		n.Y = Rewrite(n.Y, f)
		return f(n)
	}
	return f(e)
}

// Substitute replaces every variable that sub maps by the expression it maps to.
func Substitute(e Expr, sub map[string]Expr) Expr {
	if len(sub) == 0 {
		return e
	}
	return Rewrite(e, func(n Expr) Expr {
		if v, ok := n.(Var); ok {
			if r, ok := sub[v.Name]; ok {
				return r
			}
		}
		return n
	})
}

// renameExpr renames variables through names, leaving the others alone.
func renameExpr(e Expr, names map[string]string) Expr {
	return Rewrite(e, func(n Expr) Expr {
		if v, ok := n.(Var); ok {
			if r, ok := names[v.Name]; ok {
				return Var{r}
			}
		}
		return n
	})
}

// ExprSize counts the nodes of e, every variable, constant and operator weighing 1: x+y is 3,
// |x−y| 4, 3.2*x − 1.5 5. It is the complexity of a formula in symbolic regression (the
// package symreg) and in finite-domain synthesis (truthtable).
func ExprSize(e Expr) int {
	switch e := e.(type) {
	case Unary:
		return 1 + ExprSize(e.X)
	case Binary:
		return 1 + ExprSize(e.X) + ExprSize(e.Y)
	}
	return 1
}

// ExprEqual reports whether a and b are the same tree. Constants are equal when they have the
// same bits, or are both NaN.
func ExprEqual(a, b Expr) bool {
	switch a := a.(type) {
	case Var:
		b, ok := b.(Var)
		return ok && a.Name == b.Name
	case Const:
		b, ok := b.(Const)
		return ok && sameFloat(a.Value, b.Value)
	case Unary:
		b, ok := b.(Unary)
		return ok && a.Op == b.Op && ExprEqual(a.X, b.X)
	case Binary:
		b, ok := b.(Binary)
		return ok && a.Op == b.Op && ExprEqual(a.X, b.X) && ExprEqual(a.Y, b.Y)
	}
	return false
}

// sameFloat is bit equality, with all NaNs alike.
func sameFloat(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
}

// stmtEqual reports whether two statements are identical, names included.
func stmtEqual(a, b Stmt) bool {
	switch a := a.(type) {
	case Assign:
		b, ok := b.(Assign)
		return ok && a.Name == b.Name && ExprEqual(a.Expr, b.Expr)
	case Attend:
		b, ok := b.(Attend)
		return ok && a == b
	}
	return false
}

// Equal reports whether p and q are the same program: same name, inputs, statements and
// outputs, in the same order.
func (p *Program) Equal(q *Program) bool {
	if p.Name != q.Name || len(p.Inputs) != len(q.Inputs) || len(p.Body) != len(q.Body) ||
		len(p.Outputs) != len(q.Outputs) {
		return false
	}
	for i := range p.Inputs {
		if p.Inputs[i] != q.Inputs[i] {
			return false
		}
	}
	for i := range p.Body {
		if !stmtEqual(p.Body[i], q.Body[i]) {
			return false
		}
	}
	for i := range p.Outputs {
		if p.Outputs[i].Name != q.Outputs[i].Name || !ExprEqual(p.Outputs[i].Expr, q.Outputs[i].Expr) {
			return false
		}
	}
	return true
}

// Clone returns a copy of p that shares no slice with it (expressions are immutable values, so
// they are shared).
func (p *Program) Clone() *Program {
	return &Program{
		Name:    p.Name,
		Inputs:  append([]string(nil), p.Inputs...),
		Body:    append([]Stmt(nil), p.Body...),
		Outputs: append([]Output(nil), p.Outputs...),
	}
}

// MapExprs returns a copy of p with f applied to every formula: the assignments' expressions in
// order, then the outputs'. Attention reads are kept.
func (p *Program) MapExprs(f func(Expr) Expr) *Program {
	q := p.Clone()
	for i, s := range q.Body {
		if a, ok := s.(Assign); ok {
			q.Body[i] = Assign{a.Name, f(a.Expr)}
		}
	}
	for k, o := range q.Outputs {
		q.Outputs[k].Expr = f(o.Expr)
	}
	return q
}

// Size is the size of a program: one per statement, plus the nodes of every expression (the
// formulas and the outputs). It is the "program size" of the benchmark tables.
func (p *Program) Size() int {
	n := len(p.Body)
	for _, s := range p.Body {
		if a, ok := s.(Assign); ok {
			n += ExprSize(a.Expr)
		}
	}
	for _, o := range p.Outputs {
		n += ExprSize(o.Expr)
	}
	return n
}
