package polish

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/discretetransformer/w2c/extraction/program"
)

// The affine normal form writes an expression as c0 + Σ ci·atom_i, where the atoms are the
// maximal subexpressions that are not affine in their operands: variables, and every node other
// than +, -, neg, and a product or quotient by a constant. Atoms are normalized recursively, so
// that two atoms that compute the same thing in the same way print the same, and like terms are
// collected by that printed key.
//
// Beyond distributing and collecting, a few exact identities bring atoms to one canonical
// scale, which removes the redundant constants that composition leaves (a·f(b·x) has one degree
// of freedom too many when f is homogeneous):
//
//   - abs(c·L) = |c|·abs(L) and square(c·L) = c²·square(L), L with leading coefficient 1;
//   - (c·L)·(d·M) = cd·(L·M) and (c·L)/(d·M) = (c/d)·(L/M) (protected: both are 0 when M = 0);
//   - c·L + c0 op k is L op' (k − c0)/c, with op' the mirrored comparison when c < 0, and a
//     comparison with the constant on the left is turned around;
//   - the operands of the commutative operators (·, min, max, ==, !=) and of comparisons are
//     put in the canonical order of terms (a comparison's operator is mirrored when swapped);
//   - x/c with a constant c ≠ 0 is x·(1/c) (each coefficient divided by c), x/0 = 0 and
//     x mod 0 = 0; a quotient by a non-constant is never rewritten beyond the scale above.
//
// Terms are ordered by the first variable they read, in program order (inputs, pos, then the
// body), variables before compound atoms, then by key; the constant comes last. They are
// rebuilt with the fewest operators: coefficient 1 is the atom alone, a negative coefficient is
// a subtraction, and c/Y stays a quotient.
//
// Floating point: distributing constants and collecting terms rounds differently from the
// original tree, so results may change in the last bits, and a comparison exactly at its
// threshold may flip. x − x is 0 (wrong only for infinite or NaN x), and 0·x is 0.

// term is one coefficient times an atom of an affine form.
type term struct {
	atom     program.Expr
	key      string // canonical printed form of atom
	rank     int    // program order of the first variable the atom reads
	compound bool   // the atom is not a plain variable
	coef     float64
}

// affine is c0 + Σ terms, the terms with distinct keys, no zero coefficient, in canonical order.
type affine struct {
	c0    float64
	terms []term
}

func (a affine) isConst() bool { return len(a.terms) == 0 }

// unranked is the rank of variables the order does not list, and of atoms reading none.
const unranked = math.MaxInt32

// normalizer holds the variable order that sorts terms.
type normalizer struct {
	rank map[string]int
}

func newNormalizer(order []string) *normalizer {
	n := &normalizer{rank: make(map[string]int, len(order))}
	for i, name := range order {
		if _, ok := n.rank[name]; !ok {
			n.rank[name] = i
		}
	}
	return n
}

// programOrder lists the variables of p in the order terms are sorted: inputs, pos, one, then
// the body variables in order.
func programOrder(p *program.Program) []string {
	order := append([]string(nil), p.Inputs...)
	order = append(order, program.BuiltinPos, program.BuiltinOne)
	for _, s := range p.Body {
		if s != nil {
			order = append(order, s.Defines())
		}
	}
	return order
}

// Normalize returns a copy of p with every Assign expression and every output in affine normal
// form (see NormalizeExpr). Attention reads are kept as they are. Terms are ordered by the
// order in which their variables appear in p.
func Normalize(p *program.Program) *program.Program {
	return p.MapExprs(newNormalizer(programOrder(p)).expr)
}

// NormalizeExpr rewrites e into the affine normal form c0 + Σ ci·atom_i, atoms normalized
// recursively. Terms are sorted by the position in order of the first variable they read
// (variables order does not list come last), then by their printed form. The result computes
// the same function as e up to floating-point rounding (see the package doc).
func NormalizeExpr(e program.Expr, order []string) program.Expr {
	return newNormalizer(order).expr(e)
}

// expr normalizes one expression.
func (n *normalizer) expr(e program.Expr) program.Expr {
	return n.build(n.lin(e))
}

// lin turns e into an affine form.
func (n *normalizer) lin(e program.Expr) affine {
	switch e := e.(type) {
	case program.Const:
		return affine{c0: e.Value}
	case program.Var:
		if e.Name == program.BuiltinOne {
			return affine{c0: 1}
		}
		return n.atom(e, 1)
	case program.Unary:
		return n.linUnary(e)
	case program.Binary:
		return n.linBinary(e)
	}
	return n.atom(e, 1) // unsupported node: kept as an opaque atom
}

// linUnary normalizes a one-argument node.
func (n *normalizer) linUnary(e program.Unary) affine {
	x := n.lin(e.X)
	if !knownUnary[e.Op] {
		return n.atom(program.Unary{Op: e.Op, X: n.build(x)}, 1)
	}
	if x.isConst() {
		return affine{c0: program.ApplyUnary(e.Op, x.c0)}
	}
	switch e.Op {
	case program.Neg:
		return x.scaled(-1)
	case program.Abs:
		c, m := x.monic()
		return n.atom(program.Unary{Op: program.Abs, X: n.build(m)}, math.Abs(c))
	case program.Square:
		c, m := x.monic()
		return n.atom(program.Unary{Op: program.Square, X: n.build(m)}, c*c)
	}
	return n.atom(program.Unary{Op: e.Op, X: n.build(x)}, 1)
}

// linBinary normalizes a two-argument node.
func (n *normalizer) linBinary(e program.Binary) affine {
	x, y := n.lin(e.X), n.lin(e.Y)
	if !knownBinary[e.Op] {
		return n.atom(program.Binary{Op: e.Op, X: n.build(x), Y: n.build(y)}, 1)
	}
	switch e.Op {
	case program.Add:
		return n.plus(x, y, 1)
	case program.Sub:
		return n.plus(x, y, -1)
	}
	if x.isConst() && y.isConst() {
		return affine{c0: program.ApplyBinary(e.Op, x.c0, y.c0)}
	}
	switch e.Op {
	case program.Mul:
		switch {
		case x.isConst():
			return y.scaled(x.c0)
		case y.isConst():
			return x.scaled(y.c0)
		}
		cx, mx := x.monic()
		cy, my := y.monic()
		a, b := n.ordered(n.build(mx), n.build(my))
		return n.atom(program.Binary{Op: program.Mul, X: a, Y: b}, cx*cy)
	case program.Div:
		if y.isConst() {
			if y.c0 == 0 { // protected: x/0 = 0
				return affine{}
			}
			return x.divided(y.c0)
		}
		cy, my := y.monic()
		cx, num := x.c0, program.Expr(program.Const{Value: 1})
		if !x.isConst() {
			var mx affine
			cx, mx = x.monic()
			num = n.build(mx)
		}
		return n.atom(program.Binary{Op: program.Div, X: num, Y: n.build(my)}, cx/cy)
	case program.Mod:
		if y.isConst() && y.c0 == 0 { // protected: x mod 0 = 0
			return affine{}
		}
		return n.atom(program.Binary{Op: program.Mod, X: n.build(x), Y: n.build(y)}, 1)
	case program.Min, program.Max:
		a, b := n.ordered(n.build(x), n.build(y))
		return n.atom(program.Binary{Op: e.Op, X: a, Y: b}, 1)
	}
	return n.comparison(e.Op, x, y)
}

// comparison normalizes x op y for a comparison op, not both constant.
func (n *normalizer) comparison(op program.BinaryOp, x, y affine) affine {
	if x.isConst() {
		x, y, op = y, x, mirror(op)
	}
	if y.isConst() { // c·L + c0 op k  <=>  L op' (k - c0)/c
		c, m := affine{terms: x.terms}.monic()
		k := (y.c0 - x.c0) / c
		if c < 0 {
			op = mirror(op)
		}
		return n.atom(program.Binary{Op: op, X: n.build(m), Y: program.Const{Value: k}}, 1)
	}
	a, b := n.build(x), n.build(y)
	if c, d := n.ordered(a, b); !program.ExprEqual(c, a) {
		a, b, op = c, d, mirror(op)
	}
	return n.atom(program.Binary{Op: op, X: a, Y: b}, 1)
}

// mirror returns the comparison that holds for swapped operands: x op y == y mirror(op) x.
func mirror(op program.BinaryOp) program.BinaryOp {
	switch op {
	case program.Less:
		return program.Greater
	case program.Greater:
		return program.Less
	case program.LessEq:
		return program.GreaterEq
	case program.GreaterEq:
		return program.LessEq
	}
	return op // == and != are symmetric
}

// atom returns the affine form coef·e, for an atom e built from normalized operands.
func (n *normalizer) atom(e program.Expr, coef float64) affine {
	if coef == 0 {
		return affine{}
	}
	t := n.newTerm(e)
	t.coef = coef
	return affine{terms: []term{t}}
}

// newTerm computes the sort keys of an atom.
func (n *normalizer) newTerm(e program.Expr) term {
	t := term{atom: e, key: exprKey(e), rank: unranked}
	if _, isVar := e.(program.Var); !isVar {
		t.compound = true
	}
	program.ExprVars(e, func(name string) {
		if r, ok := n.rank[name]; ok && r < t.rank {
			t.rank = r
		}
	})
	return t
}

// exprKey is the canonical printed form of an expression: the pseudo-code, which tells every
// two distinct trees apart, or a Go rendering for nodes the printer does not know.
func exprKey(e program.Expr) string {
	switch e.(type) {
	case program.Var, program.Const, program.Unary, program.Binary:
		if s := program.FormatExpr(e); !strings.Contains(s, "<unsupported") {
			return s
		}
	}
	return fmt.Sprintf("%T%#v", e, e)
}

// less orders terms: by rank, variables before compound atoms, then by key.
func less(a, b term) int {
	switch {
	case a.rank != b.rank:
		if a.rank < b.rank {
			return -1
		}
		return 1
	case a.compound != b.compound:
		if !a.compound {
			return -1
		}
		return 1
	}
	return strings.Compare(a.key, b.key)
}

// ordered returns the two operands of a commutative operator in canonical order: constants
// last, otherwise as terms are sorted.
func (n *normalizer) ordered(a, b program.Expr) (program.Expr, program.Expr) {
	_, aConst := a.(program.Const)
	_, bConst := b.(program.Const)
	switch {
	case aConst != bConst:
		if aConst {
			return b, a
		}
		return a, b
	case aConst:
		return a, b
	}
	if less(n.newTerm(b), n.newTerm(a)) < 0 {
		return b, a
	}
	return a, b
}

// plus returns a + s·b, like terms collected.
func (n *normalizer) plus(a, b affine, s float64) affine {
	out := affine{c0: a.c0 + s*b.c0, terms: append([]term(nil), a.terms...)}
	for _, bt := range b.terms {
		i := slices.IndexFunc(out.terms, func(t term) bool { return t.key == bt.key })
		if i < 0 {
			bt.coef *= s
			out.terms = append(out.terms, bt)
		} else {
			out.terms[i].coef += s * bt.coef
		}
	}
	return out.clean()
}

// clean drops zero coefficients and sorts the terms.
func (a affine) clean() affine {
	a.terms = slices.DeleteFunc(a.terms, func(t term) bool { return t.coef == 0 })
	slices.SortStableFunc(a.terms, less)
	return a
}

// scaled returns s·a.
func (a affine) scaled(s float64) affine {
	out := affine{c0: a.c0 * s, terms: make([]term, len(a.terms))}
	for i, t := range a.terms {
		t.coef *= s
		out.terms[i] = t
	}
	return out.clean()
}

// divided returns a/d, each coefficient divided (which is exact more often than multiplying
// by 1/d: x/3 keeps the coefficient 1/3 and 3x/3 is x).
func (a affine) divided(d float64) affine {
	out := affine{c0: a.c0 / d, terms: make([]term, len(a.terms))}
	for i, t := range a.terms {
		t.coef /= d
		out.terms[i] = t
	}
	return out.clean()
}

// monic returns c and m with a = c·m and the leading coefficient of m exactly 1. a must have a
// term.
func (a affine) monic() (float64, affine) {
	c := a.terms[0].coef
	if c == 1 {
		return 1, a
	}
	return c, a.divided(c)
}

// build writes an affine form with the fewest operators: the terms in order (a positive one
// first when there is one, or the constant first when every term is negative), coefficient 1
// as the bare atom, negative coefficients as subtractions, and the constant last.
func (n *normalizer) build(a affine) program.Expr {
	if a.isConst() {
		return program.Const{Value: a.c0}
	}
	ts := append([]term(nil), a.terms...)
	var e program.Expr
	if ts[0].coef < 0 {
		if j := slices.IndexFunc(ts, func(t term) bool { return t.coef > 0 }); j > 0 {
			first := ts[j]
			ts = append([]term{first}, slices.Delete(ts, j, j+1)...)
		} else if a.c0 > 0 {
			e = program.Const{Value: a.c0}
			a.c0 = 0
		}
	}
	for _, t := range ts {
		switch {
		case e == nil:
			e = termExpr(t.coef, t.atom)
		case t.coef < 0:
			e = program.Binary{Op: program.Sub, X: e, Y: termExpr(-t.coef, t.atom)}
		default:
			e = program.Binary{Op: program.Add, X: e, Y: termExpr(t.coef, t.atom)}
		}
	}
	switch {
	case a.c0 > 0 || math.IsNaN(a.c0):
		e = program.Binary{Op: program.Add, X: e, Y: program.Const{Value: a.c0}}
	case a.c0 < 0:
		e = program.Binary{Op: program.Sub, X: e, Y: program.Const{Value: -a.c0}}
	}
	return e
}

// termExpr writes coef·atom: the atom alone for 1, its negation for -1, c/Y for an atom 1/Y.
func termExpr(coef float64, atom program.Expr) program.Expr {
	switch coef {
	case 1:
		return atom
	case -1:
		return program.Unary{Op: program.Neg, X: atom}
	}
	if d, ok := atom.(program.Binary); ok && d.Op == program.Div {
		if one, ok := d.X.(program.Const); ok && one.Value == 1 {
			return program.Binary{Op: program.Div, X: program.Const{Value: coef}, Y: d.Y}
		}
	}
	return program.Binary{Op: program.Mul, X: program.Const{Value: coef}, Y: atom}
}

// knownUnary and knownBinary are the operators the semantics defines (others are kept opaque
// rather than folded, which would panic).
var knownUnary, knownBinary = func() (map[program.UnaryOp]bool, map[program.BinaryOp]bool) {
	u, b := map[program.UnaryOp]bool{}, map[program.BinaryOp]bool{}
	for _, op := range program.UnaryOps() {
		u[op] = true
	}
	for _, op := range program.BinaryOps() {
		b[op] = true
	}
	return u, b
}()
