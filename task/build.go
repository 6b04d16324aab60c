package task

import "math/rand/v2"

// Building blocks for defining tasks: generators that know their alphabet, and the common
// shapes of reference functions. The built-in task sets (algorithmic, extra) are written with
// them, and so can a user's task.

// Sampler is a generator with, when every value is drawn independently from a finite set,
// that set (Task.Alphabet).
type Sampler struct {
	Generate Generator
	Alphabet []float64
}

// Ints draws c channels of integers, each independently uniform in [lo, hi): its alphabet is
// lo..hi-1.
func Ints(c, lo, hi int) Sampler {
	return Sampler{
		Generate: func(rng *rand.Rand, n int) [][]float64 { return UniformInts(rng, n, c, lo, hi) },
		Alphabet: IntRange(lo, hi),
	}
}

// Reals draws c channels of reals, each independently uniform in [lo, hi): no alphabet.
func Reals(c int, lo, hi float64) Sampler {
	return Sampler{Generate: func(rng *rand.Rand, n int) [][]float64 {
		xs := Rows(n, c)
		for t := range xs {
			for k := range xs[t] {
				xs[t][k] = lo + (hi-lo)*rng.Float64()
			}
		}
		return xs
	}}
}

// Custom is a generator whose values are not independent draws from a finite set (no alphabet).
func Custom(g Generator) Sampler { return Sampler{Generate: g} }

// Prev returns xs[t-k][c], the value k positions before t on channel c, or 0 before the start
// of the sequence (the zero padding of the MIPS generators).
func Prev(xs [][]float64, t, k, c int) float64 {
	if t-k < 0 {
		return 0
	}
	return xs[t-k][c]
}

// clean turns a negative zero into a positive one (e.g. -3·0), so that outputs print as 0.
func clean(v float64) float64 { return v + 0 }

// LocalVec makes a reference whose outputs at t are f(xs, t), typically a function of a few
// positions around t read with Prev.
func LocalVec(f func(xs [][]float64, t int) []float64) Reference {
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

// Local is LocalVec with one output, written out so that the outputs take one array per
// sequence (Rows) instead of a slice per position.
func Local(f func(xs [][]float64, t int) float64) Reference {
	return func(xs [][]float64) [][]float64 {
		ys := Rows(len(xs), 1)
		for t := range xs {
			ys[t][0] = clean(f(xs, t))
		}
		return ys
	}
}

// Pointwise makes a reference whose output at t depends on the input vector at t only.
func Pointwise(f func(x []float64) float64) Reference {
	return Local(func(xs [][]float64, t int) float64 { return f(xs[t]) })
}

// RunningVec makes a reference that reads the sequence once, left to right, carrying a state:
// start returns a fresh step function (its closure is the state, reset for every sequence), and
// the step maps the input at t to the outputs at t. This is the shape of an RNN, and of most
// tasks.
func RunningVec(start func() func(x []float64) []float64) Reference {
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

// Running is RunningVec with one output, written out like Local.
func Running(start func() func(x []float64) float64) Reference {
	return func(xs [][]float64) [][]float64 {
		step := start()
		ys := Rows(len(xs), 1)
		for t, x := range xs {
			ys[t][0] = clean(step(x))
		}
		return ys
	}
}

// Indicator is 1 for true and 0 for false.
func Indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Mod is the non-negative remainder of the integer a by m (m > 0).
func Mod(a float64, m int) float64 {
	r := int(a) % m
	if r < 0 {
		r += m
	}
	return float64(r)
}
