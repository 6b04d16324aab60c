package extra

import "github.com/discretetransformer/w2c/task"

// Group is the registry group of the extra tasks.
const Group = "extra"

// length is the training length of every extra task: no task looks back more than 2 positions,
// so 10 gives most positions a full window (as for the MIPS tasks with short lags).
const length = 10

// Input ranges, half-open [lo, hi) as for task.UniformInts and task.IntRange.
const (
	digitLo, digitHi   = 0, 10   // digits 0..9
	signedLo, signedHi = -5, 6   // -5..5
	largeLo, largeHi   = 0, 100  // 0..99
	realLo, realHi     = -1., 1. // reals uniform in [-1, 1)
)

// The generators and the shapes of the references (package task).
type sampler = task.Sampler

var (
	ints       = task.Ints
	reals      = task.Reals
	prev       = task.Prev
	local      = task.Local
	localVec   = task.LocalVec
	pointwise  = task.Pointwise
	running    = task.Running
	runningVec = task.RunningVec
	indicator  = task.Indicator
	mod        = task.Mod
)

// channels names for the tasks' inputs and outputs.
var (
	x   = []string{"x"}
	y   = []string{"y"}
	ab  = []string{"a", "b"}
	abc = []string{"a", "b", "c"}
)

// extra assembles a task of the extra suite with the training length 10.
func extra(name, description string, inputs, outputs []string, integer bool, gen sampler, ref task.Reference) *task.Task {
	return &task.Task{
		Name:        name,
		Group:       Group,
		Description: description,
		InputNames:  inputs,
		OutputNames: outputs,
		Length:      length,
		Integer:     integer,
		Generate:    gen.Generate,
		Alphabet:    gen.Alphabet,
		Reference:   ref,
	}
}

// sign is -1, 0 or 1 as v is negative, zero or positive.
func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
