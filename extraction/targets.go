package extraction

import (
	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
)

// Extraction from an almost-right model.
//
// A model can have the right structure (its heads point where the task looks, its output
// sub-MLP reads the right slots) and still compute its last function only approximately: a
// ReLU network of 16 units writes floor(mean) as a staircase that is off on a few steps, and
// the model is then exact on three sequences in four. Symbolic regression of that sub-MLP's
// outputs finds no formula: the outputs are not a clean function. But the sub-MLP's inputs
// are the program's own values, and the value it should have written is known: an output
// sub-MLP writes y = A·slot + B, so the task's target says what the slot should be. Fitting
// the formula to the targets keeps everything the model found (which positions to read, which
// slots to combine) and replaces only the function it did not get right.
//
// The fit uses the extraction stream's sequences (the observation's), never the selection
// stream (which verifies the program) or the sealed certification stream. A program made this
// way cannot equal the hard model (the model is wrong where the formula is right), so at best
// it is certified "corrected": it equals the reference exactly, at the training length and
// at 10x, and the model's agreement is printed beside it. Its report says so
// (MLPReport.Targets), with what the sub-MLP itself fitted (MLPReport.Model).
//
// A real-valued sub-MLP whose outputs gave only the knee of a Pareto front (an approximate
// function, see kneeOf) is fitted to the targets too, and the exact formula, when one fits
// them, replaces the knee. A ReLU network's approximation of a law does not tell close laws
// apart: on |x| ≤ 2.2, 1.918·x + 0.070·sin x fits a Duffing model's sub-MLP as well as the
// true 1.99·x − 0.01·x³ does, and the simpler one wins; the targets, exact, tell them apart.
// Such a program still has to equal the hard model within the real-valued tolerance
// (DefaultModelTolerance) to be verified.
//
// Only a sub-MLP read by exactly one output and by nothing else is fitted to targets: an
// intermediate one has no target of its own, and one read twice would need two. (In an
// autoregressive model the output's read-back is the program's own output at t-1, so the fit
// is the same.)

// soleOutput returns the output k whose readout reads slot s, when exactly one output does
// and no kept module reads s.
func soleOutput(st *dt.Structure, kept map[int]bool, s int) (int, bool) {
	k := -1
	for i, ro := range st.Readout {
		if ro.Slot == s {
			if k >= 0 {
				return 0, false
			}
			k = i
		}
	}
	if k < 0 {
		return 0, false
	}
	for _, h := range st.Heads {
		if kept[h.Slot] && (h.Value == s || h.Key == s) {
			return 0, false
		}
	}
	for _, m := range st.MLPs {
		for _, in := range m.Inputs {
			if kept[m.Slot] && in == s {
				return 0, false
			}
		}
	}
	return k, true
}

// targets returns output k's targets at every scored position of the observed sequences, in
// the order of observation.slot.
func (o *observation) targets(k, warmup int) []float64 { return column(o.batch.Ys, k, warmup) }

// fitTargets fits the formula of sub-MLP m, read by output k alone, to the task's targets for
// that output, on the columns its inputs take. The formula is the output itself: the program
// reads the slot out with A = 1, B = 0 (the readout's scale and offset belong to the model's
// approximation). ok is false when no formula fits the targets either.
func fitTargets(r *dt.Run, obs *observation, m *dt.SubMLP, k int, cols [][]float64, vars []string, opts Options) (program.Expr, MLPReport, bool, error) {
	e, rep, err := fitValues(r, moduleName(m.Layer, "mlp", m.Index), obs.targets(k, r.Task.Warmup), cols, vars, false, opts)
	if err != nil || !rep.Found || rep.Knee {
		return nil, rep, false, err
	}
	rep.Targets = true
	return e, rep, true, nil
}
