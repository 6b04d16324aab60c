package extra

import (
	"math"

	"github.com/discretetransformer/w2c/task"
)

// ProdPrev is the product of consecutive inputs: y_t = x_t · x_{t-1}, with x_{-1} = 0 (so
// y_0 = 0), on integers -5..5 (outputs -25..25).
func ProdPrev() *task.Task {
	return extra("prod_prev", "input times the previous input (0 before the start)",
		x, y, true, ints(1, signedLo, signedHi),
		local(func(xs [][]float64, t int) float64 { return xs[t][0] * prev(xs, t, 1, 0) }))
}

// SignProdPrev is the sign of the product of consecutive inputs: y_t = sign(x_t · x_{t-1}) in
// {-1, 0, 1}, with x_{-1} = 0 (so y_0 = 0), on integers -5..5. It is 0 whenever either factor
// is 0, 1 when both have the same sign, -1 when they have opposite signs.
func SignProdPrev() *task.Task {
	return extra("sign_prod_prev", "sign (-1, 0, 1) of the input times the previous input (0 before the start)",
		x, y, true, ints(1, signedLo, signedHi),
		local(func(xs [][]float64, t int) float64 { return sign(xs[t][0] * prev(xs, t, 1, 0)) }))
}

// ProdPrevReal is the product of consecutive reals: y_t = x_t · x_{t-1}, with x_{-1} = 0 (so
// y_0 = 0), on reals uniform in [-1, 1).
func ProdPrevReal() *task.Task {
	return extra("prod_prev_real", "real input times the previous one (0 before the start)",
		x, y, false, reals(1, realLo, realHi),
		local(func(xs [][]float64, t int) float64 { return xs[t][0] * prev(xs, t, 1, 0) }))
}

// HalfFloor is integer division by 2: y_t = floor(x_t / 2), on integers 0..99 (outputs 0..49).
func HalfFloor() *task.Task {
	return extra("half_floor", "input divided by 2, rounded down",
		x, y, true, ints(1, largeLo, largeHi),
		pointwise(func(x []float64) float64 { return math.Floor(x[0] / 2) }))
}

// ThirdFloor is floor division by 3 on signed inputs: y_t = floor(x_t / 3), rounding towards
// minus infinity (floor(-1/3) = -1, not 0), on integers -9..9 (outputs -3..3).
func ThirdFloor() *task.Task {
	return extra("third_floor", "input divided by 3, rounded down (towards minus infinity)",
		x, y, true, ints(1, -9, 10),
		pointwise(func(x []float64) float64 { return math.Floor(x[0] / 3) }))
}
