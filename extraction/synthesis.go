package extraction

import (
	"fmt"
	"math"
	"time"

	"github.com/discretetransformer/w2c/dt"
	"github.com/discretetransformer/w2c/extraction/program"
	"github.com/discretetransformer/w2c/extraction/truthtable"
)

// Finite-domain synthesis: the last resort for a sub-MLP of an integer task that no formula
// fits, neither to its outputs nor (for a sub-MLP read out alone) to the targets.
//
// When every input of the sub-MLP takes few values (bits, digits, a carry read back at t-1), its
// function is a finite table, and package truthtable reads the expression off that table by
// functional decomposition (the carry of an addition, then the digit sum mod b). The table is
// the sub-MLP's own outputs when they are integers; otherwise, for a sub-MLP read by one output
// alone, the task's targets at the same positions (as fitTargets does), which the program then
// reads out with A = 1, B = 0. Both come from the extraction stream's sequences: the selection
// and certification streams judge the program as for any other formula.
//
// It runs only where extraction would otherwise stop with "no expression within tolerance", so
// it changes no program that extraction found before.

// synthesize tries finite-domain synthesis for a sub-MLP whose symbolic regression failed
// (failed is that report); outputs are its observed outputs, and k is the output that alone
// reads it, or -1. ok is true when an exact expression was found; targets is then true when it
// was fitted to output k's targets.
//
// readBack marks the columns that read an output back (an autoregressive model's own output at
// an earlier position): the program reads its integer output there, so they are rounded to the
// nearest integer.
func synthesize(r *dt.Run, obs *observation, outputs []float64, k int, cols [][]float64, vars []string, readBack []bool, failed MLPReport, opts Options) (e program.Expr, rep MLPReport, targets, ok bool) {
	if integral(outputs, 0.25) {
		y := make([]float64, len(outputs))
		for i, v := range outputs {
			y[i] = math.Round(v)
		}
		if e, rep, ok := synthesizeValues(r, y, cols, vars, readBack, failed, opts); ok {
			return e, rep, false, true
		}
	}
	if k < 0 {
		return nil, failed, false, false
	}
	e, rep, ok = synthesizeValues(r, obs.targets(k, r.Task.Warmup), cols, vars, readBack, failed, opts)
	rep.Targets = ok
	return e, rep, ok, ok
}

// inputSnap is how close to integers every value of an input column must be for the synthesis
// to read it as integers: the same bound as for the outputs of an integer task (fitValues).
// Why: without exact inputColumns (autoregressive models) the columns are the model's own
// values, not the program's, and those are integers only up to the network's error.
const inputSnap = 0.25

// synthesizeValues runs the synthesis from the columns cols to the integer values y; the report
// names failed's module and keeps failed as what symbolic regression made of the sub-MLP.
func synthesizeValues(r *dt.Run, y []float64, cols [][]float64, vars []string, readBack []bool, failed MLPReport, opts Options) (program.Expr, MLPReport, bool) {
	start := time.Now()
	X := rows(cols, len(y))
	for c, col := range cols {
		if readBack[c] || integral(col, inputSnap) {
			for i := range X {
				X[i][c] = math.Round(X[i][c])
			}
		}
	}
	res, err := truthtable.Synthesize(X, y, vars, truthtable.Options{Unary: opts.Unary, Binary: opts.Binary, Seed: uint64(r.Seed)})
	if err != nil || !res.Found {
		return nil, failed, false
	}
	model := failed
	model.Front = nil
	rep := MLPReport{
		Module: failed.Module, Inputs: vars, Integer: true, Found: true,
		Formula: program.FormatExpr(res.Expr), Complexity: res.Complexity, Samples: len(y),
		Synthesis: synthesisSteps(res),
		Model:     &model,
		Seconds:   time.Since(start).Seconds(),
	}
	return res.Expr, rep, true
}

// synthesisSteps describes a synthesis for the report: the table, the inputs it does not depend
// on, and each decomposition.
func synthesisSteps(res *truthtable.Result) []string {
	steps := []string{fmt.Sprintf("finite-domain synthesis over %d distinct input tuples (%d fits, %.2fs)", res.Rows, res.Fits, res.Seconds)}
	if len(res.Dropped) > 0 {
		steps = append(steps, fmt.Sprintf("does not depend on %v", res.Dropped))
	}
	return append(steps, res.Steps...)
}
