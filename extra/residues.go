package extra

import "github.com/discretetransformer/w2c/task"

// SumPrevMod3 is the residue of a sum of consecutive inputs: y_t = (x_t + x_{t-1}) mod 3, with
// x_{-1} = 0, on digits 0..9.
func SumPrevMod3() *task.Task {
	return extra("sum_prev_mod3", "input plus the previous input, modulo 3",
		x, y, true, ints(1, digitLo, digitHi),
		local(func(xs [][]float64, t int) float64 { return mod(xs[t][0]+prev(xs, t, 1, 0), 3) }))
}

// PairSumMod4 is the prefix sum of two channels modulo 4:
// y_t = (a_0 + b_0 + a_1 + b_1 + ... + a_t + b_t) mod 4, on two channels a, b of digits 0..9.
func PairSumMod4() *task.Task {
	return extra("pair_sum_mod4", "running sum of a plus b, modulo 4",
		ab, y, true, ints(2, digitLo, digitHi),
		running(func() func(x []float64) float64 {
			s := 0.0
			return func(x []float64) float64 { s = mod(s+x[0]+x[1], 4); return s }
		}))
}
