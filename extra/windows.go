package extra

import (
	"math"

	"github.com/discretetransformer/w2c/task"
)

// MaxLast3 is the windowed maximum of the last 3 digits: y_t = max(x_{t-2}, x_{t-1}, x_t) over
// the positions that exist, i.e. max(x_s) for max(0, t-2) <= s <= t. Positions before the start
// do not count (no zero padding): y_0 = x_0 and y_1 = max(x_0, x_1). Inputs are digits 0..9.
func MaxLast3() *task.Task {
	return extra("max_last3", "largest of the last 3 inputs (only positions that exist count)",
		x, y, true, ints(1, digitLo, digitHi), windowExtreme(3, math.Max))
}

// MinLast2 is the windowed minimum of the last 2 digits: y_t = min(x_{t-1}, x_t) for t >= 1
// and y_0 = x_0 (the position before the start does not count). Inputs are digits 0..9.
func MinLast2() *task.Task {
	return extra("min_last2", "smaller of the last 2 inputs (y_0 = x_0)",
		x, y, true, ints(1, digitLo, digitHi), windowExtreme(2, math.Min))
}

// MaxLast2Real is the windowed maximum of the last 2 reals: y_t = max(x_{t-1}, x_t) for t >= 1
// and y_0 = x_0 (the position before the start does not count, so a negative x_0 is its own
// maximum). Inputs are reals uniform in [-1, 1).
func MaxLast2Real() *task.Task {
	return extra("max_last2_real", "larger of the last 2 real inputs (y_0 = x_0)",
		x, y, false, reals(1, realLo, realHi), windowExtreme(2, math.Max))
}

// windowExtreme folds pick (math.Min or math.Max) over channel 0 of the last k positions that
// exist, x_{max(0, t-k+1)..t}.
func windowExtreme(k int, pick func(a, b float64) float64) task.Reference {
	return local(func(xs [][]float64, t int) float64 {
		best := xs[t][0]
		for s := max(0, t-k+1); s < t; s++ {
			best = pick(best, xs[s][0])
		}
		return best
	})
}
