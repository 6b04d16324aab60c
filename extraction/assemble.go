package extraction

import (
	"fmt"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
)

// assembler builds the program IR: one statement per kept module, in the order of the model's
// slots (so every statement only reads what is defined before it), and the readout as outputs.
type assembler struct {
	vars []string // program variable of every model slot
	body []program.Stmt
}

func (a *assembler) attend(h *dt.Head, ptr program.Pointer) {
	a.body = append(a.body, program.Attend{Name: a.vars[h.Slot], Pointer: ptr, Value: a.vars[h.Value]})
}

func (a *assembler) assign(m *dt.SubMLP, e program.Expr) {
	a.body = append(a.body, program.Assign{Name: a.vars[m.Slot], Expr: e})
}

// program returns the assembled program for a task's channels and the model's readout.
func (a *assembler) program(r *dt.Run, readout []dt.Readout) *program.Program {
	p := &program.Program{Name: r.Task.Name, Inputs: append([]string{}, r.Task.InputNames...), Body: a.body}
	for k, ro := range readout {
		var e program.Expr = program.Var{Name: a.vars[ro.Slot]}
		if ro.A != 1 {
			e = program.Binary{Op: program.Mul, X: program.Const{Value: ro.A}, Y: e}
		}
		if ro.B != 0 {
			e = program.Binary{Op: program.Add, X: e, Y: program.Const{Value: ro.B}}
		}
		p.Outputs = append(p.Outputs, program.Output{Name: r.Task.OutputNames[k], Expr: e})
	}
	return p
}

// inputColumns returns the values of the given slots at every scored position of the observed
// sequences, as the program assembled so far computes them, for the symbolic regression of a
// sub-MLP that reads them.
//
// Why not the hard model's own values: an earlier sub-MLP is a real function that only
// approximates its formula (the indicator [x even] as 5.06 and −2.69, each ±0.01), and a later
// module that aggregates it (a prefix mean, times pos + 1, is a count) inherits the noise, which
// keeps an exact law out of reach of the next fit. The program's values are exact, and they are
// what the next statement will read when the program runs. Without exact (real-valued tasks,
// where an earlier formula may itself be an approximation, a knee of the front; autoregressive
// models, whose program reads its outputs before it defines them) the model's values are kept.
func (a *assembler) inputColumns(r *dt.Run, obs *observation, slots []int, exact bool) ([][]float64, error) {
	cols := make([][]float64, len(slots))
	var traced []int
	for i, s := range slots {
		if !exact || !a.defines(a.vars[s]) {
			cols[i] = obs.slot(s, r.Task.Warmup)
		} else {
			traced = append(traced, i)
		}
	}
	if len(traced) == 0 {
		return cols, nil
	}
	partial := a.program(r, nil)
	partial.Outputs = []program.Output{{Name: "out", Expr: program.Var{Name: a.vars[slots[traced[0]]]}}}
	compiled, err := partial.Compile()
	if err != nil {
		return nil, fmt.Errorf("the program assembled so far does not compile: %w", err)
	}
	for _, xs := range obs.batch.Xs {
		_, trace, err := compiled.RunTrace(xs)
		if err != nil {
			return nil, fmt.Errorf("running the program assembled so far: %w", err)
		}
		for _, i := range traced {
			cols[i] = append(cols[i], trace[a.vars[slots[i]]][r.Task.Warmup:]...)
		}
	}
	return cols, nil
}

// defines reports whether the program assembled so far defines the variable.
func (a *assembler) defines(name string) bool {
	for _, s := range a.body {
		if s.Defines() == name {
			return true
		}
	}
	return false
}
