package extra

import (
	"math"

	"github.com/discretetransformer/w2c/task"
)

// MinMaxSeen has two outputs, the prefix minimum and maximum: (lo_t, hi_t) =
// (min(x_0..x_t), max(x_0..x_t)), on integers 0..99.
func MinMaxSeen() *task.Task {
	return extra("min_max_seen", "two outputs: smallest and largest input so far",
		x, []string{"lo", "hi"}, true, ints(1, largeLo, largeHi),
		runningVec(func() func(x []float64) []float64 {
			lo, hi := math.Inf(1), math.Inf(-1)
			return func(x []float64) []float64 {
				lo, hi = math.Min(lo, x[0]), math.Max(hi, x[0])
				return []float64{lo, hi}
			}
		}))
}

// Prev2Prev1 has two outputs, the two previous inputs, the older first: (p2_t, p1_t) =
// (x_{t-2}, x_{t-1}), with x_{-1} = x_{-2} = 0, on integers 0..99.
func Prev2Prev1() *task.Task {
	return extra("prev2_prev1", "two outputs: the input two positions back, then the previous input",
		x, []string{"p2", "p1"}, true, ints(1, largeLo, largeHi),
		localVec(func(xs [][]float64, t int) []float64 {
			return []float64{prev(xs, t, 2, 0), prev(xs, t, 1, 0)}
		}))
}

// SumDiff has two outputs, the sum and the difference of two channels: (s_t, d_t) =
// (a_t + b_t, a_t - b_t), on two channels a, b of digits 0..9.
func SumDiff() *task.Task {
	return extra("sum_diff", "two outputs: a plus b, and a minus b",
		ab, []string{"s", "d"}, true, ints(2, digitLo, digitHi),
		localVec(func(xs [][]float64, t int) []float64 {
			return []float64{xs[t][0] + xs[t][1], xs[t][0] - xs[t][1]}
		}))
}
