package algorithmic

import (
	"fmt"

	"github.com/discretetransformer/w2c/task"
)

// SumAll is MIPS task 17 (Sum_All, rnn_sum_numerical): y_t = x_0 + ... + x_t, the prefix sum of
// integers uniform in [0, 100).
func SumAll() *task.Task {
	return mips("sum_all", "rnn_sum_numerical", "sum of all inputs so far (prefix sum)",
		shortLength, ints(1, 0, 100),
		running(func() func(x []float64) float64 {
			s := 0.0
			return func(x []float64) float64 { s += x[0]; return s }
		}))
}

// SumLast is MIPS tasks 18-23 (Sum_Last2 .. Sum_Last7, rnn_sum_last<k>_numerical): y_t is the sum
// of the last k inputs x_{t-k+1..t}, integers uniform in [0, 100), positions before the start
// reading as 0. The training length is 10, and 20 for k >= 5 (as in the MIPS table). k >= 1.
func SumLast(k int) *task.Task {
	return mips(fmt.Sprintf("sum_last%d", k), fmt.Sprintf("rnn_sum_last%d_numerical", k),
		fmt.Sprintf("sum of the last %d inputs, zeros before the start", k),
		windowLength(k), ints(1, 0, 100),
		local(func(xs [][]float64, t int) float64 { return windowSum(xs, t, k) }))
}
