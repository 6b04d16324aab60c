package extra

import (
	"math/rand/v2"

	"github.com/discretetransformer/w2c/task"
)

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

// sampler is a task's generator with, when every value is drawn independently from a finite
// set, that set (task.Task.Alphabet).
type sampler struct {
	generate task.Generator
	alphabet []float64
}

// ints draws c channels of integers, each independently uniform in [lo, hi): its alphabet is
// lo..hi-1.
func ints(c, lo, hi int) sampler {
	return sampler{
		generate: func(rng *rand.Rand, n int) [][]float64 { return task.UniformInts(rng, n, c, lo, hi) },
		alphabet: task.IntRange(lo, hi),
	}
}

// reals draws c channels of reals, each independently uniform in [lo, hi): no alphabet.
func reals(c int, lo, hi float64) sampler {
	return sampler{generate: func(rng *rand.Rand, n int) [][]float64 {
		xs := make([][]float64, n)
		for t := range xs {
			xs[t] = make([]float64, c)
			for k := range xs[t] {
				xs[t][k] = lo + (hi-lo)*rng.Float64()
			}
		}
		return xs
	}}
}

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
		Generate:    gen.generate,
		Alphabet:    gen.alphabet,
		Reference:   ref,
	}
}

// prev returns xs[t-k][c], the value k positions before t on channel c, or 0 before the start
// of the sequence (the zero padding of the MIPS generators).
func prev(xs [][]float64, t, k, c int) float64 {
	if t-k < 0 {
		return 0
	}
	return xs[t-k][c]
}

// clean turns a negative zero into a positive one (e.g. -3·0), so that outputs print as 0.
func clean(v float64) float64 { return v + 0 }

// localVec makes a reference whose outputs at t are f(xs, t), typically a function of a few
// positions around t.
func localVec(f func(xs [][]float64, t int) []float64) task.Reference {
	return func(xs [][]float64) [][]float64 {
		ys := make([][]float64, len(xs))
		for t := range xs {
			ys[t] = f(xs, t)
			for k, v := range ys[t] {
				ys[t][k] = clean(v)
			}
		}
		return ys
	}
}

// local is localVec with one output.
func local(f func(xs [][]float64, t int) float64) task.Reference {
	return localVec(func(xs [][]float64, t int) []float64 { return []float64{f(xs, t)} })
}

// pointwise makes a reference whose output at t depends on the input vector at t only.
func pointwise(f func(x []float64) float64) task.Reference {
	return local(func(xs [][]float64, t int) float64 { return f(xs[t]) })
}

// runningVec makes a reference that reads the sequence once, left to right, carrying a state:
// start returns a fresh step function (its closure is the state, reset for every sequence), and
// the step maps the input at t to the outputs at t.
func runningVec(start func() func(x []float64) []float64) task.Reference {
	return func(xs [][]float64) [][]float64 {
		step := start()
		ys := make([][]float64, len(xs))
		for t, x := range xs {
			ys[t] = step(x)
			for k, v := range ys[t] {
				ys[t][k] = clean(v)
			}
		}
		return ys
	}
}

// running is runningVec with one output.
func running(start func() func(x []float64) float64) task.Reference {
	return runningVec(func() func(x []float64) []float64 {
		step := start()
		return func(x []float64) []float64 { return []float64{step(x)} }
	})
}

// indicator is 1 for true and 0 for false.
func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
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

// mod is the non-negative remainder of the integer a by m (m > 0).
func mod(a float64, m int) float64 {
	r := int(a) % m
	if r < 0 {
		r += m
	}
	return float64(r)
}
