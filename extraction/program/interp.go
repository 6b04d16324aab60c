package program

import (
	"fmt"
)

// The interpreter compiles a program once into closures over slot indices, then runs sequences
// through it without maps or allocations in the inner loop. Every variable has a slot; a run
// keeps the whole trace vals[t*width + slot], which is what pointers read at earlier positions
// (and what RunTrace returns).

// Compiled is a validated program prepared for running many sequences. It is safe for
// concurrent use.
type Compiled struct {
	names  []string // slot -> variable: the inputs, pos, one, then the body
	inputs int
	steps  []step
	outs   []exprFn
	states int // running values (sums, best keys) a run keeps between positions
}

// slot indices of the built-ins, after the inputs.
const (
	posOffset = iota
	oneOffset
	builtins
)

// exprFn evaluates a compiled expression on the slots of the current position.
type exprFn func(row []float64) float64

// step defines one statement's variable at position t.
type step func(r *runState, t int)

// runState is one run: the trace of every slot, and the running values of pointers.
type runState struct {
	vals  []float64
	width int
	state []float64
}

// row returns the slots of position t.
func (r *runState) row(t int) []float64 { return r.vals[t*r.width : (t+1)*r.width] }

// at returns slot i at position t.
func (r *runState) at(t, i int) float64 { return r.vals[t*r.width+i] }

// Compile validates p and prepares it for running.
func (p *Program) Compile() (*Compiled, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	c := &Compiled{inputs: len(p.Inputs)}
	c.names = append(append(append(c.names, p.Inputs...), BuiltinPos, BuiltinOne), bodyNames(p)...)
	slots := make(map[string]int, len(c.names))
	for i, name := range c.names {
		slots[name] = i
	}
	for _, s := range p.Body {
		c.steps = append(c.steps, c.compileStmt(s, slots))
	}
	for _, o := range p.Outputs {
		c.outs = append(c.outs, compileExpr(o.Expr, slots))
	}
	return c, nil
}

// bodyNames lists the body variables in order.
func bodyNames(p *Program) []string {
	names := make([]string, len(p.Body))
	for i, s := range p.Body {
		names[i] = s.Defines()
	}
	return names
}

// Run computes the outputs ys[t][k] of the sequence xs[t][c].
func (p *Program) Run(xs [][]float64) ([][]float64, error) {
	c, err := p.Compile()
	if err != nil {
		return nil, err
	}
	return c.Run(xs)
}

// RunTrace is Run that also returns every variable's values by position: the inputs, the
// built-ins and the body variables, by name (for debugging and notebooks).
func (p *Program) RunTrace(xs [][]float64) ([][]float64, map[string][]float64, error) {
	c, err := p.Compile()
	if err != nil {
		return nil, nil, err
	}
	return c.RunTrace(xs)
}

// Run computes the outputs ys[t][k] of the sequence xs[t][c].
func (c *Compiled) Run(xs [][]float64) ([][]float64, error) {
	ys, _, err := c.run(xs)
	return ys, err
}

// RunTrace is Run that also returns every variable's values by position.
func (c *Compiled) RunTrace(xs [][]float64) ([][]float64, map[string][]float64, error) {
	ys, r, err := c.run(xs)
	if err != nil {
		return nil, nil, err
	}
	trace := make(map[string][]float64, r.width)
	for i, name := range c.names {
		column := make([]float64, len(xs))
		for t := range column {
			column[t] = r.at(t, i)
		}
		trace[name] = column
	}
	return ys, trace, nil
}

// run executes the program position by position: inputs and built-ins, then the statements in
// order, then the outputs.
func (c *Compiled) run(xs [][]float64) ([][]float64, *runState, error) {
	width := len(c.names)
	r := &runState{vals: make([]float64, len(xs)*width), width: width, state: make([]float64, c.states)}
	ys := make([][]float64, len(xs))
	flat := make([]float64, len(xs)*len(c.outs))
	for t, x := range xs {
		if len(x) != c.inputs {
			return nil, nil, fmt.Errorf("position %d has %d input channels, want %d", t, len(x), c.inputs)
		}
		row := r.row(t)
		copy(row, x)
		row[c.inputs+posOffset] = float64(t)
		row[c.inputs+oneOffset] = 1
		for _, s := range c.steps {
			s(r, t)
		}
		ys[t] = flat[t*len(c.outs) : (t+1)*len(c.outs) : (t+1)*len(c.outs)]
		for k, out := range c.outs {
			ys[t][k] = out(row)
		}
	}
	return ys, r, nil
}

// compileStmt turns a statement into a step that writes its slot.
func (c *Compiled) compileStmt(s Stmt, slots map[string]int) step {
	dst := slots[s.Defines()]
	switch s := s.(type) {
	case Assign:
		f := compileExpr(s.Expr, slots)
		return func(r *runState, t int) {
			row := r.row(t)
			row[dst] = f(row)
		}
	case Attend:
		return c.compileAttend(s, dst, slots)
	}
	panic("unreachable: Validate accepts only Assign and Attend")
}

// compileAttend turns an attention read into a step, following the pointer definitions of the
// package doc literally.
func (c *Compiled) compileAttend(s Attend, dst int, slots map[string]int) step {
	v, k := slots[s.Value], slots[s.Pointer.Key]
	switch s.Pointer.Kind {
	case Previous:
		off := s.Pointer.Offset
		return func(r *runState, t int) {
			if t >= off {
				r.vals[t*r.width+dst] = r.at(t-off, v)
			} // else: the slot is already 0
		}
	case First:
		return func(r *runState, t int) { r.vals[t*r.width+dst] = r.at(0, v) }
	case PrefixSum, PrefixMean:
		sum := c.newState(1)
		mean := s.Pointer.Kind == PrefixMean
		return func(r *runState, t int) {
			r.state[sum] += r.at(t, v)
			out := r.state[sum]
			if mean {
				out /= float64(t + 1)
			}
			r.vals[t*r.width+dst] = out
		}
	case ArgMax, ArgMin:
		return c.compileArgBest(s.Pointer.Kind == ArgMax, dst, v, k)
	case LastEqual:
		return func(r *runState, t int) {
			key := r.at(t, k)
			for j := t - 1; j >= 0; j-- {
				if r.at(j, k) == key {
					r.vals[t*r.width+dst] = r.at(j, v)
					return
				}
			}
		}
	}
	panic("unreachable: Validate accepts only known pointers")
}

// compileArgBest is ArgMax (or ArgMin): the running best key and the value at it, replaced by
// every later position whose key is at least as good, so that ties go to the latest position.
func (c *Compiled) compileArgBest(isMax bool, dst, v, k int) step {
	best := c.newState(2) // best key, value at it
	return func(r *runState, t int) {
		key := r.at(t, k)
		if t == 0 || (isMax && key >= r.state[best]) || (!isMax && key <= r.state[best]) {
			r.state[best], r.state[best+1] = key, r.at(t, v)
		}
		r.vals[t*r.width+dst] = r.state[best+1]
	}
}

// newState reserves n running values and returns the index of the first.
func (c *Compiled) newState(n int) int {
	c.states += n
	return c.states - n
}

// compileExpr turns an expression into a closure. Operands that are variables or constants are
// read directly, which halves the number of calls in typical formulas.
func compileExpr(e Expr, slots map[string]int) exprFn {
	switch e := e.(type) {
	case Var:
		i := slots[e.Name]
		return func(row []float64) float64 { return row[i] }
	case Const:
		v := e.Value
		return func([]float64) float64 { return v }
	case Unary:
		f := unaryFuncs[e.Op]
		if x, ok := e.X.(Var); ok {
			i := slots[x.Name]
			return func(row []float64) float64 { return f(row[i]) }
		}
		x := compileExpr(e.X, slots)
		return func(row []float64) float64 { return f(x(row)) }
	case Binary:
		return compileBinary(binaryFuncs[e.Op], e.X, e.Y, slots)
	}
	panic("unreachable: Validate accepts only Var, Const, Unary and Binary")
}

// compileBinary specializes the common operand shapes: variable-variable and
// variable-constant.
func compileBinary(f func(x, y float64) float64, xe, ye Expr, slots map[string]int) exprFn {
	xv, xIsVar := xe.(Var)
	yv, yIsVar := ye.(Var)
	yc, yIsConst := ye.(Const)
	switch {
	case xIsVar && yIsVar:
		i, j := slots[xv.Name], slots[yv.Name]
		return func(row []float64) float64 { return f(row[i], row[j]) }
	case xIsVar && yIsConst:
		i, c := slots[xv.Name], yc.Value
		return func(row []float64) float64 { return f(row[i], c) }
	}
	x, y := compileExpr(xe, slots), compileExpr(ye, slots)
	return func(row []float64) float64 { return f(x(row), y(row)) }
}
