package extra

import "github.com/discretetransformer/w2c/task"

// Sign is the sign of the input: y_t = sign(x_t) in {-1, 0, 1}, on integers -5..5.
func Sign() *task.Task {
	return extra("sign", "sign of the input: -1, 0 or 1",
		x, y, true, ints(1, signedLo, signedHi),
		pointwise(func(x []float64) float64 { return sign(x[0]) }))
}

// GreaterPrev compares each input with the previous one: y_t = 1 if x_t > x_{t-1} else 0, with
// x_{-1} = 0 (so y_0 = 1 exactly when x_0 > 0), on digits 0..9. Equal values give 0.
func GreaterPrev() *task.Task {
	return extra("greater_prev", "1 if the input is greater than the previous one (0 before the start)",
		x, y, true, ints(1, digitLo, digitHi),
		local(func(xs [][]float64, t int) float64 { return indicator(xs[t][0] > prev(xs, t, 1, 0)) }))
}

// SignChange detects a change of sign: y_t = 1 if sign(x_t) != sign(x_{t-1}) else 0, where
// sign(0) = 0 (zero is a sign of its own, so going from 3 to 0 or from 0 to -2 is a change)
// and x_{-1} = 0 (so y_0 = 1 exactly when x_0 != 0). Inputs are integers -5..5.
func SignChange() *task.Task {
	return extra("sign_change", "1 if the sign (-1, 0, 1) of the input differs from that of the previous input (0 before the start)",
		x, y, true, ints(1, signedLo, signedHi),
		local(func(xs [][]float64, t int) float64 {
			return indicator(sign(xs[t][0]) != sign(prev(xs, t, 1, 0)))
		}))
}
