package algorithmic

import (
	"math/rand/v2"

	"github.com/discretetransformer/w2c/task"
)

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
		Generate:    gen.generate,
		Alphabet:    gen.alphabet,
		Reference:   ref,
	}
}

// sampler is a task's generator with, when every value is drawn independently from a finite
// set, that set (task.Task.Alphabet: certification can then enumerate every sequence).
type sampler struct {
	generate task.Generator
	alphabet []float64
}

// custom is a generator whose values are not independent draws (no alphabet).
func custom(g task.Generator) sampler { return sampler{generate: g} }

// ints returns a generator of sequences with c channels of integers uniform in [lo, hi), each
// drawn independently: its alphabet is lo..hi-1.
func ints(c, lo, hi int) sampler {
	return sampler{
		generate: func(rng *rand.Rand, n int) [][]float64 { return task.UniformInts(rng, n, c, lo, hi) },
		alphabet: task.IntRange(lo, hi),
	}
}

// bits returns a generator of sequences with c channels of uniform bits.
func bits(c int) sampler { return ints(c, 0, 2) }

// prev returns xs[t-k][c], the value k positions before t on channel c, or 0 before the start of
// the sequence: every MIPS generator pads the past with zeros.
func prev(xs [][]float64, t, k, c int) float64 {
	if t-k < 0 {
		return 0
	}
	return xs[t-k][c]
}

// windowSum returns the sum of the last k values of channel 0 up to and including position t.
func windowSum(xs [][]float64, t, k int) float64 {
	s := 0.0
	for j := 0; j < k; j++ {
		s += prev(xs, t, j, 0)
	}
	return s
}

// pointwise makes a reference whose output at t depends on the input vector at t only.
func pointwise(f func(x []float64) float64) task.Reference {
	return func(xs [][]float64) [][]float64 { return task.Map(xs, f) }
}

// local makes a reference whose output at t is f(xs, t), typically a function of a few
// positions around t read with prev.
func local(f func(xs [][]float64, t int) float64) task.Reference {
	return func(xs [][]float64) [][]float64 {
		ys := make([][]float64, len(xs))
		for t := range xs {
			ys[t] = []float64{f(xs, t)}
		}
		return ys
	}
}

// running makes a reference that reads the sequence once, left to right, carrying a state: start
// returns a fresh step function (its closure is the state, reset for every sequence), and the
// step maps the input at t to the output at t. This is the shape of an RNN, and of most tasks here.
func running(start func() func(x []float64) float64) task.Reference {
	return func(xs [][]float64) [][]float64 {
		step := start()
		ys := make([][]float64, len(xs))
		for t, x := range xs {
			ys[t] = []float64{step(x)}
		}
		return ys
	}
}

// indicator is 1 for true and 0 for false.
func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// mod is the non-negative remainder of a by m (m > 0).
func mod(a float64, m int) float64 {
	r := int(a) % m
	if r < 0 {
		r += m
	}
	return float64(r)
}
