package extra

import (
	"math"

	"github.com/discretetransformer/w2c/task"
)

// RangeSeen is the range of the inputs so far: y_t = max(x_0..x_t) - min(x_0..x_t), on digits
// 0..9 (y_0 = 0).
func RangeSeen() *task.Task {
	return extra("range_seen", "largest minus smallest input so far",
		x, y, true, ints(1, digitLo, digitHi),
		running(func() func(x []float64) float64 {
			lo, hi := math.Inf(1), math.Inf(-1)
			return func(x []float64) float64 {
				lo, hi = math.Min(lo, x[0]), math.Max(hi, x[0])
				return hi - lo
			}
		}))
}

// MeanFloor is the prefix mean rounded down: y_t = floor(S_t / (t+1)) with
// S_t = x_0 + ... + x_t, on digits 0..9.
func MeanFloor() *task.Task {
	return extra("mean_floor", "mean of the inputs so far, rounded down",
		x, y, true, ints(1, digitLo, digitHi), prefixMean(func(s, n int) int { return s / n }))
}

// MeanRound is the prefix mean rounded half up: y_t = floor(S_t / (t+1) + 1/2) with
// S_t = x_0 + ... + x_t, on digits 0..9 (a mean of 4.5 gives 5).
func MeanRound() *task.Task {
	return extra("mean_round", "mean of the inputs so far, rounded to the nearest integer (halves up)",
		x, y, true, ints(1, digitLo, digitHi), prefixMean(func(s, n int) int { return (2*s + n) / (2 * n) }))
}

// prefixMean makes the reference of a rounded prefix mean of non-negative integers, from the
// rounding div(S, n) of S/n computed in integers (exact: no floating-point ties).
func prefixMean(div func(s, n int) int) task.Reference {
	return running(func() func(x []float64) float64 {
		s, n := 0, 0
		return func(x []float64) float64 {
			s += int(x[0])
			n++
			return float64(div(s, n))
		}
	})
}
