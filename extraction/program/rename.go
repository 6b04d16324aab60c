package program

import (
	"fmt"
	"strconv"
)

// Renaming gives every body variable a name that says where it comes from: an attention read is
// named after its pointer and what it reads (prev1_x, first_x, sum_x, mean_x, max_x,
// y_at_argmax_k, last_eq_x, ...), a formula h1, h2, ... unless the caller hints better. Names
// never collide with inputs, built-ins, outputs, pseudo-code keywords or each other; a clash
// gets a suffix (_2, _3, ...).

// nameTaker hands out names that are not taken yet.
type nameTaker map[string]bool

// take returns base, or base_2, base_3, ... for the first that is free, and marks it taken.
func (n nameTaker) take(base string) string {
	name := base
	for i := 2; n[name]; i++ {
		name = base + "_" + strconv.Itoa(i)
	}
	n[name] = true
	return name
}

// rename gives every body variable a readable name, hints first.
func rename(p *Program, hints map[string]string) *Program {
	taken := nameTaker{BuiltinPos: true, BuiltinOne: true}
	for w := range keywords {
		taken[w] = true
	}
	for _, name := range p.Inputs {
		taken[name] = true
	}
	for _, o := range p.Outputs {
		taken[o.Name] = true
	}
	names := map[string]string{}
	// Formulas and hinted variables first, so that attention reads can be named after them.
	formulas := 0
	for _, s := range p.Body {
		hint, hinted := hints[s.Defines()]
		switch _, isAssign := s.(Assign); {
		case hinted && hint != "":
			names[s.Defines()] = taken.take(hint)
		case isAssign:
			formulas++
			names[s.Defines()] = taken.take(fmt.Sprintf("h%d", formulas))
		}
	}
	nameAttends(p, names, taken)
	return renameProgram(p, names)
}

// nameAttends names the attention reads after what they read, each once what it reads has its
// final name: a read of a later read (a recurrence) waits for it. A cycle of reads, like
// a = a[t-1], has no name to start from: its first read is called rec1 (rec2, ...).
func nameAttends(p *Program, names map[string]string, taken nameTaker) {
	var pending []Attend
	waiting := map[string]bool{}
	for _, s := range p.Body {
		if a, ok := s.(Attend); ok && names[a.Name] == "" {
			pending, waiting[a.Name] = append(pending, a), true
		}
	}
	current := func(name string) string {
		if n, ok := names[name]; ok {
			return n
		}
		return name
	}
	cycles := 0
	for len(pending) > 0 {
		next := -1
		for i, a := range pending {
			if !waiting[a.Value] && !waiting[a.Pointer.Key] {
				next = i
				break
			}
		}
		if next < 0 {
			cycles++
			next = 0
			names[pending[0].Name] = taken.take(fmt.Sprintf("rec%d", cycles))
		}
		a := pending[next]
		if names[a.Name] == "" {
			names[a.Name] = taken.take(attendName(a, current))
		}
		delete(waiting, a.Name)
		pending = append(pending[:next], pending[next+1:]...)
	}
}

// attendName describes an attention read by its pointer and what it reads.
func attendName(a Attend, name func(string) string) string {
	v, k := name(a.Value), name(a.Pointer.Key)
	same := a.Value == a.Pointer.Key
	switch a.Pointer.Kind {
	case Previous:
		return fmt.Sprintf("prev%d_%s", a.Pointer.Offset, v)
	case First:
		return "first_" + v
	case PrefixSum:
		return "sum_" + v
	case PrefixMean:
		return "mean_" + v
	case ArgMax:
		if same {
			return "max_" + v
		}
		return v + "_at_argmax_" + k
	case ArgMin:
		if same {
			return "min_" + v
		}
		return v + "_at_argmin_" + k
	case LastEqual:
		if same {
			return "last_eq_" + v
		}
		return v + "_at_last_eq_" + k
	}
	return v
}

// renameProgram renames variables everywhere through names (missing names stay).
func renameProgram(p *Program, names map[string]string) *Program {
	get := func(name string) string {
		if n, ok := names[name]; ok {
			return n
		}
		return name
	}
	q := &Program{Name: p.Name, Inputs: make([]string, len(p.Inputs))}
	for i, name := range p.Inputs {
		q.Inputs[i] = get(name)
	}
	for _, s := range p.Body {
		switch s := s.(type) {
		case Assign:
			q.Body = append(q.Body, Assign{get(s.Name), renameExpr(s.Expr, names)})
		case Attend:
			s.Name, s.Value = get(s.Name), get(s.Value)
			if s.Pointer.Key != "" {
				s.Pointer.Key = get(s.Pointer.Key)
			}
			q.Body = append(q.Body, s)
		}
	}
	for _, o := range p.Outputs {
		q.Outputs = append(q.Outputs, Output{get(o.Name), renameExpr(o.Expr, names)})
	}
	return q
}
