package extra

import "github.com/discretetransformer/w2c/task"

// PrevIfOdd selects by parity: y_t = x_{t-1} if x_t is odd, else x_t, with x_{-1} = 0, on
// digits 0..9 (0 is even).
func PrevIfOdd() *task.Task {
	return extra("prev_if_odd", "the previous input if the input is odd, else the input",
		x, y, true, ints(1, digitLo, digitHi),
		local(func(xs [][]float64, t int) float64 {
			if mod(xs[t][0], 2) == 1 {
				return prev(xs, t, 1, 0)
			}
			return xs[t][0]
		}))
}

// LastNonzero holds the most recent nonzero input: y_t = x_s for the largest s <= t with
// x_s != 0, and 0 when there is none, on integers 0..3 (so that a quarter of the inputs are
// zeros to skip).
func LastNonzero() *task.Task {
	return extra("last_nonzero", "most recent nonzero input so far (0 if none)",
		x, y, true, ints(1, 0, 4),
		running(func() func(x []float64) float64 {
			last := 0.0
			return func(x []float64) float64 {
				if x[0] != 0 {
					last = x[0]
				}
				return last
			}
		}))
}
