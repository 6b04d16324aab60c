package extra

import "github.com/discretetransformer/w2c/task"

// APlus2BPrev combines two channels with a lag: y_t = a_t + 2·b_{t-1}, with b_{-1} = 0, on two
// channels a, b of digits 0..9 (outputs 0..27).
func APlus2BPrev() *task.Task {
	return extra("a_plus_2b_prev", "a plus twice the previous b (0 before the start)",
		ab, y, true, ints(2, digitLo, digitHi),
		local(func(xs [][]float64, t int) float64 { return xs[t][0] + 2*prev(xs, t, 1, 1) }))
}

// AMinusBPlusCLag2 combines three channels with a lag of 2: y_t = a_t - b_t + c_{t-2}, with
// c_{-1} = c_{-2} = 0, on three channels a, b, c of digits 0..9 (outputs -9..18).
func AMinusBPlusCLag2() *task.Task {
	return extra("a_minus_b_plus_c_lag2", "a minus b plus c from two positions back (0 before the start)",
		abc, y, true, ints(3, digitLo, digitHi),
		local(func(xs [][]float64, t int) float64 { return xs[t][0] - xs[t][1] + prev(xs, t, 2, 2) }))
}
