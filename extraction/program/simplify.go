package program

import "fmt"

// The simplifier turns the program that extraction assembles, one statement per attention head
// and per sub-MLP, into the short program a person reads. Each pass keeps the outputs exactly
// (the tests run the interpreter before and after on random programs):
//
//   - expressions: constants folded, exact algebraic identities (fold.go);
//   - copies merged: a = b, a = b[t] and a statement identical to an earlier one become uses of
//     the earlier variable, and a = constant is substituted into the expressions that read it;
//   - dead statements removed: only what the outputs depend on is kept, transitively, following
//     reads at earlier positions too (a recurrent variable keeps itself alive only when an output
//     needs it);
//   - formulas used once inlined into the expression that uses them;
//   - readable names given (rename.go).

// SimplifyOptions tunes Simplify. The zero value simplifies fully.
type SimplifyOptions struct {
	// KeepNames keeps the body variables' names instead of giving them readable ones.
	KeepNames bool
	// KeepFormulas keeps every formula (Assign) that survives as its own statement, instead of
	// inlining those used once into the expression that uses them.
	KeepFormulas bool
	// Hints gives wanted names to body variables, by their names in the input program, e.g.
	// {"mlp3": "velocity"}. Other formulas are named h1, h2, ... and attention reads after
	// their pointer (prev1_x, max_x, ...). Ignored with KeepNames.
	Hints map[string]string
}

// maxRounds bounds the passes; each round only shrinks the program, so a few suffice.
const maxRounds = 100

// Simplify returns a simplified copy of p that computes the same outputs for every input.
func Simplify(p *Program, opts SimplifyOptions) (*Program, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	q := p.Clone()
	for range maxRounds {
		before := q.Clone()
		q = mergeCopies(q)
		q = removeDead(q)
		if !opts.KeepFormulas {
			q = inlineSingleUse(q)
		}
		if q.Equal(before) {
			break
		}
	}
	if !opts.KeepNames {
		q = rename(q, opts.Hints)
	}
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("program: internal error, the simplified program is invalid: %w", err)
	}
	return q, nil
}

// copyMerger tracks, during one pass over the body, which variables are replaced by what.
type copyMerger struct {
	alias map[string]string // variable -> earlier variable with the same value everywhere
	sub   map[string]Expr   // variable -> the Var or Const that replaces it in expressions
	body  []Stmt            // kept statements
}

// mergeCopies simplifies every expression, and replaces copies, duplicates and constants by what
// they copy.
func mergeCopies(p *Program) *Program {
	m := &copyMerger{alias: map[string]string{}, sub: map[string]Expr{}}
	for _, s := range p.Body {
		m.add(s)
	}
	// Reads at earlier positions may name a variable merged further down the body.
	for i, s := range m.body {
		if a, ok := s.(Attend); ok {
			a.Value, a.Pointer.Key = m.resolve(a.Value), m.resolve(a.Pointer.Key)
			m.body[i] = a
		}
	}
	q := &Program{Name: p.Name, Inputs: p.Inputs, Body: m.body}
	for _, o := range p.Outputs {
		q.Outputs = append(q.Outputs, Output{o.Name, SimplifyExpr(Substitute(o.Expr, m.sub))})
	}
	return q
}

// add simplifies one statement and keeps it, unless it copies something already defined.
func (m *copyMerger) add(s Stmt) {
	var copied string // the earlier variable s copies, if any
	switch s := s.(type) {
	case Assign:
		s.Expr = SimplifyExpr(Substitute(s.Expr, m.sub))
		if v, ok := s.Expr.(Var); ok {
			copied = v.Name
		} else if c, ok := s.Expr.(Const); ok {
			m.sub[s.Name] = c // still kept: an attention read may need it as a variable
		}
		if copied == "" {
			copied = m.duplicateOf(s)
		}
		if copied == "" {
			m.body = append(m.body, s)
		}
	case Attend:
		s.Value, s.Pointer.Key = m.resolve(s.Value), m.resolve(s.Pointer.Key)
		if s.Pointer.Kind == Previous && s.Pointer.Offset == 0 {
			copied = s.Value
		} else {
			copied = m.duplicateOf(s)
		}
		if copied == "" {
			m.body = append(m.body, s)
		}
	}
	if copied != "" {
		m.alias[s.Defines()] = copied
		m.sub[s.Defines()] = m.replacement(copied)
	}
}

// replacement is what replaces, in expressions, a copy of the variable name.
func (m *copyMerger) replacement(name string) Expr {
	if e, ok := m.sub[name]; ok {
		return e // a constant
	}
	return Var{name}
}

// resolve follows aliases (a chain at most one long, since targets are kept statements).
func (m *copyMerger) resolve(name string) string {
	if a, ok := m.alias[name]; ok {
		return a
	}
	return name
}

// duplicateOf returns the name of an earlier kept statement with the same right-hand side as
// s, or "". Two such statements have the same value at every position.
func (m *copyMerger) duplicateOf(s Stmt) string {
	for _, k := range m.body {
		switch s := s.(type) {
		case Assign:
			if k, ok := k.(Assign); ok && ExprEqual(k.Expr, s.Expr) {
				return k.Name
			}
		case Attend:
			if k, ok := k.(Attend); ok && k.Pointer == s.Pointer && k.Value == s.Value {
				return k.Name
			}
		}
	}
	return ""
}

// stmtReads calls visit with every variable a statement reads, at any position.
func stmtReads(s Stmt, visit func(name string)) {
	switch s := s.(type) {
	case Assign:
		ExprVars(s.Expr, visit)
	case Attend:
		visit(s.Value)
		if s.Pointer.Key != "" {
			visit(s.Pointer.Key)
		}
	}
}

// removeDead keeps only the statements the outputs depend on, transitively. A statement may
// read later ones (at earlier positions), so the backtrace repeats until nothing new is live.
func removeDead(p *Program) *Program {
	live := map[string]bool{}
	for _, o := range p.Outputs {
		ExprVars(o.Expr, func(name string) { live[name] = true })
	}
	done := make([]bool, len(p.Body))
	for changed := true; changed; {
		changed = false
		for i := len(p.Body) - 1; i >= 0; i-- {
			if s := p.Body[i]; !done[i] && live[s.Defines()] {
				done[i], changed = true, true
				stmtReads(s, func(name string) { live[name] = true })
			}
		}
	}
	q := &Program{Name: p.Name, Inputs: p.Inputs, Outputs: p.Outputs}
	for _, s := range p.Body {
		if live[s.Defines()] {
			q.Body = append(q.Body, s)
		}
	}
	return q
}

// inlineSingleUse replaces each formula that is read exactly once, by an expression, by its
// own expression at that place. Attention reads need a variable, so formulas they read stay.
func inlineSingleUse(p *Program) *Program {
	uses, attended := map[string]int{}, map[string]bool{}
	count := func(name string) { uses[name]++ }
	for _, s := range p.Body {
		switch s := s.(type) {
		case Assign:
			ExprVars(s.Expr, count)
		case Attend:
			stmtReads(s, func(name string) { attended[name] = true })
		}
	}
	for _, o := range p.Outputs {
		ExprVars(o.Expr, count)
	}
	inline := map[string]Expr{}
	q := &Program{Name: p.Name, Inputs: p.Inputs}
	for _, s := range p.Body {
		if a, ok := s.(Assign); ok {
			a.Expr = SimplifyExpr(Substitute(a.Expr, inline))
			if uses[a.Name] == 1 && !attended[a.Name] {
				inline[a.Name] = a.Expr
				continue
			}
			s = a
		}
		q.Body = append(q.Body, s)
	}
	for _, o := range p.Outputs {
		q.Outputs = append(q.Outputs, Output{o.Name, SimplifyExpr(Substitute(o.Expr, inline))})
	}
	return q
}
