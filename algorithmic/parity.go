package algorithmic

import (
	"fmt"

	"github.com/discretetransformer/w2c/task"
)

// ParityLast is MIPS tasks 11-13 (Parity_Last2/3/4, rnn_parity_last<k>_numerical): y_t is the
// parity (sum mod 2) of the last k bits x_{t-k+1..t}, bits before the start reading as 0, so
// Parity_Last2 is x_t XOR x_{t-1}. A parity, not an OR: the MIPS code computes
// sum(x[max(i-k+1, 0)..i]) mod 2 whatever some of its docstrings say. k >= 1.
func ParityLast(k int) *task.Task {
	return mips(fmt.Sprintf("parity_last%d", k), fmt.Sprintf("rnn_parity_last%d_numerical", k),
		fmt.Sprintf("parity (sum mod 2) of the last %d bits, zeros before the start", k),
		shortLength, bits(1),
		local(func(xs [][]float64, t int) float64 { return mod(windowSum(xs, t, k), 2) }))
}

// ParityAll is MIPS task 14 (Parity_All, rnn_parity_numerical): y_t is the parity of all bits
// so far, x_0 XOR ... XOR x_t (a prefix parity, not a prefix OR).
func ParityAll() *task.Task {
	return mips("parity_all", "rnn_parity_numerical", "parity of all bits so far (prefix XOR)",
		shortLength, bits(1), countMod2(func(x []float64) bool { return x[0] == 1 }))
}

// ParityZeros is MIPS task 15 (Parity_Zeros, rnn_parity_of_zeros_numerical): y_t is the number
// of zeros among x_0..x_t, mod 2.
func ParityZeros() *task.Task {
	return mips("parity_zeros", "rnn_parity_of_zeros_numerical", "number of zeros so far, mod 2",
		shortLength, bits(1), countMod2(func(x []float64) bool { return x[0] == 0 }))
}

// ParityBitsMod2 is MIPS task 44 (Parity_Bits_Mod2, rnn_parity_of_index_numerical): y_t = t mod 2,
// the parity of the position, 0, 1, 0, 1, ... whatever the (uniform bit) input. Follows
// tasks/rnn_parity_of_index_numerical/create_dataset.py, which writes the outputs as constants.
func ParityBitsMod2() *task.Task {
	return mips("parity_bits_mod2", "rnn_parity_of_index_numerical",
		"parity of the position t (0, 1, 0, 1, ...), independent of the input", shortLength, bits(1),
		local(func(_ [][]float64, t int) float64 { return float64(t % 2) }))
}

// BitDotProdMod2 is MIPS task 48 (Bit_Dot_Prod_Mod2, rnn_bit_dot_prod_mod2_numerical): y_t is the
// running dot product of two bit strings mod 2, sum_{s<=t} a_s*b_s mod 2.
func BitDotProdMod2() *task.Task {
	t := mips("bit_dot_prod_mod2", "rnn_bit_dot_prod_mod2_numerical",
		"running dot product of a and b mod 2 (prefix XOR of a_s AND b_s)", shortLength, bits(2),
		countMod2(func(x []float64) bool { return x[0] == 1 && x[1] == 1 }))
	t.InputNames = []string{"a", "b"}
	return t
}

// countMod2 makes the running parity of the number of positions where counted holds.
func countMod2(counted func(x []float64) bool) task.Reference {
	return running(func() func(x []float64) float64 {
		parity := 0.0
		return func(x []float64) float64 {
			if counted(x) {
				parity = 1 - parity
			}
			return parity
		}
	})
}
