package extra

import (
	"math"

	"github.com/discretetransformer/w2c/task"
)

// clipBound is the bound of ClipHalf: inputs in [-1, 1) are clipped to [-0.5, 0.5].
const clipBound = 0.5

// EMAHalf is an exponential moving average with weight 1/2: y_t = 0.5·y_{t-1} + 0.5·x_t with
// y_{-1} = 0, on reals uniform in [-1, 1). The reference computes the closed form
// y_t = sum_{j=0..t} 0.5^(j+1) · x_{t-j} (so y_0 = 0.5·x_0); |y_t| < 1 at any length.
func EMAHalf() *task.Task {
	return extra("ema_half", "exponential moving average y = 0.5 y_prev + 0.5 x (y before the start is 0)",
		x, y, false, reals(1, realLo, realHi),
		local(func(xs [][]float64, t int) float64 {
			s, w := 0.0, 0.5
			for j := 0; j <= t; j++ {
				s += w * xs[t-j][0]
				w /= 2
			}
			return s
		}))
}

// BlendPrev is a fixed blend of the input and the previous input: y_t = 0.3·x_t + 0.7·x_{t-1},
// with x_{-1} = 0 (so y_0 = 0.3·x_0), on reals uniform in [-1, 1).
func BlendPrev() *task.Task {
	return extra("blend_prev", "0.3 times the input plus 0.7 times the previous input (0 before the start)",
		x, y, false, reals(1, realLo, realHi),
		local(func(xs [][]float64, t int) float64 { return 0.3*xs[t][0] + 0.7*prev(xs, t, 1, 0) }))
}

// ClipHalf clips the input to [-0.5, 0.5]: y_t = min(max(x_t, -0.5), 0.5), on reals uniform in
// [-1, 1) (half of the inputs are clipped).
func ClipHalf() *task.Task {
	return extra("clip_half", "input clipped to the interval [-0.5, 0.5]",
		x, y, false, reals(1, realLo, realHi),
		pointwise(func(x []float64) float64 { return math.Min(math.Max(x[0], -clipBound), clipBound) }))
}
