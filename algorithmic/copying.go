package algorithmic

import (
	"fmt"

	"github.com/discretetransformer/w2c/task"
)

// CurrentNumber is MIPS task 24 (Current_Number, rnn_identity_numerical): y_t = x_t, integers
// uniform in [0, 100). The identity: the smallest test that a model can route a value through.
func CurrentNumber() *task.Task {
	return mips("current_number", "rnn_identity_numerical", "the current input (identity)",
		shortLength, ints(1, 0, 100), pointwise(func(x []float64) float64 { return x[0] }))
}

// Prev is MIPS tasks 25-29 (Prev1 .. Prev5, rnn_prev<k>_numerical): y_t = x_{t-k}, 0 for t < k,
// integers uniform in [0, 100). The training length is 10, and 20 for k >= 5 (Prev5), as in the
// MIPS table. k >= 1.
func Prev(k int) *task.Task {
	return mips(fmt.Sprintf("prev%d", k), fmt.Sprintf("rnn_prev%d_numerical", k),
		fmt.Sprintf("the input %d positions back, 0 before the start", k),
		windowLength(k), ints(1, 0, 100),
		local(func(xs [][]float64, t int) float64 { return prev(xs, t, k, 0) }))
}

// BitShiftRight is MIPS task 47 (Bit_Shift_Right, rnn_bit_shift_right_numerical): y_t = x_{t-1}
// on a bit string, 0 at t = 0: Prev1 on bits.
func BitShiftRight() *task.Task {
	return mips("bit_shift_right", "rnn_bit_shift_right_numerical",
		"the previous bit (the string shifted right by one), 0 at the start", shortLength, bits(1),
		local(func(xs [][]float64, t int) float64 { return prev(xs, t, 1, 0) }))
}
