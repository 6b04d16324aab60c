package extraction

import (
	"github.com/discretetransformer/w2c/dt"
)

// graph indexes the modules of a hard structure by the slot they write.
type graph struct {
	st       *dt.Structure
	heads    map[int]*dt.Head   // slot -> head writing it
	mlps     map[int]*dt.SubMLP // slot -> sub-MLP writing it
	feedback map[int]int        // slot of an output read back (autoregressive) -> the slot read out
}

func newGraph(st *dt.Structure, m *dt.Model) *graph {
	g := &graph{st: st, heads: map[int]*dt.Head{}, mlps: map[int]*dt.SubMLP{}, feedback: map[int]int{}}
	for s := range st.SlotNames {
		if k, ok := m.IsFeedback(s); ok {
			g.feedback[s] = st.Readout[k].Slot
		}
	}
	for i := range st.Heads {
		g.heads[st.Heads[i].Slot] = &st.Heads[i]
	}
	for i := range st.MLPs {
		g.mlps[st.MLPs[i].Slot] = &st.MLPs[i]
	}
	return g
}

// reads returns the slots that the module writing slot s reads (none for inputs and built-ins).
func (g *graph) reads(s int) []int {
	if h, ok := g.heads[s]; ok {
		switch h.Family {
		case dt.FamilyArgMax, dt.FamilyArgMin, dt.FamilyEqual, dt.FamilyLearned:
			return []int{h.Value, h.Key}
		}
		return []int{h.Value}
	}
	if m, ok := g.mlps[s]; ok {
		return m.Inputs
	}
	if o, ok := g.feedback[s]; ok {
		return []int{o}
	}
	return nil
}

// readOut reports whether an output reads slot s.
func readOut(st *dt.Structure, s int) bool {
	for _, ro := range st.Readout {
		if ro.Slot == s {
			return true
		}
	}
	return false
}

// backtrace returns the set of slots the outputs depend on, from the readout back through every
// module that writes a slot read by a kept module. Modules outside the set do not change the
// outputs and are dropped from the program.
func (g *graph) backtrace() map[int]bool {
	kept := map[int]bool{}
	var visit func(s int)
	visit = func(s int) {
		if kept[s] {
			return
		}
		kept[s] = true
		for _, r := range g.reads(s) {
			visit(r)
		}
	}
	for _, ro := range g.st.Readout {
		visit(ro.Slot)
	}
	return kept
}

// readBack reports, for each slot, whether it reads an output back: the read-back slot itself,
// or a head whose value is one.
func (g *graph) readBack(slots []int) []bool {
	out := make([]bool, len(slots))
	for i, s := range slots {
		_, out[i] = g.feedback[s]
		if h, ok := g.heads[s]; ok {
			_, fed := g.feedback[h.Value]
			out[i] = out[i] || fed
		}
	}
	return out
}
