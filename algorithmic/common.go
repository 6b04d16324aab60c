package algorithmic

import "github.com/discretetransformer/w2c/task"

// Group is the registry group of the MIPS benchmark tasks.
const Group = "mips"

// Training lengths of the MIPS generators: 10, and 20 for the tasks that look back 5 or more
// positions (Sum_Last5..7, Prev5), so that most positions see a full window.
const (
	shortLength = 10
	longLength  = 20
)

// windowLength is the MIPS training length of a task that looks back over the last k positions.
func windowLength(k int) int {
	if k >= 5 {
		return longLength
	}
	return shortLength
}

// mips assembles a benchmark task with one input channel "x" and one integer output "y".
// Two-channel tasks change InputNames (and OutputNames) afterwards.
func mips(name, alias, description string, length int, gen sampler, ref task.Reference) *task.Task {
	return &task.Task{
		Name:        name,
		Aliases:     []string{alias},
		Group:       Group,
		Description: description,
		InputNames:  []string{"x"},
		OutputNames: []string{"y"},
		Length:      length,
		Integer:     true,
		Generate:    gen.Generate,
		Alphabet:    gen.Alphabet,
		Reference:   ref,
	}
}

// sampler is a task's generator with its alphabet, if any (task.Sampler).
type sampler = task.Sampler

// custom is a generator whose values are not independent draws (no alphabet).
var custom = task.Custom

// ints returns a generator of sequences with c channels of integers uniform in [lo, hi), each
// drawn independently: its alphabet is lo..hi-1.
var ints = task.Ints

// bits returns a generator of sequences with c channels of uniform bits.
func bits(c int) sampler { return ints(c, 0, 2) }

// The shapes of the references (package task): prev reads a value k positions back (0 before
// the start, as every MIPS generator pads the past with zeros), pointwise, local and running make
// references, indicator and mod are the 0/1 of a test and the non-negative remainder.
var (
	prev      = task.Prev
	pointwise = task.Pointwise
	local     = task.Local
	running   = task.Running
	indicator = task.Indicator
	mod       = task.Mod
)

// windowSum returns the sum of the last k values of channel 0 up to and including position t.
func windowSum(xs [][]float64, t, k int) float64 {
	s := 0.0
	for j := 0; j < k; j++ {
		s += prev(xs, t, j, 0)
	}
	return s
}
