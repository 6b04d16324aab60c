package extraction

import (
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
