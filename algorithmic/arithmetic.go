package algorithmic

import (
	"fmt"
	"math"

	"github.com/discretetransformer/w2c/task"
)

// Div is MIPS tasks 49-51 (Div_3, Div_5, Div_7, rnn_div_<k>_numerical): long division of a binary
// number by k, one bit per position. The input bits are uniform.
//
// Bit order and alignment follow the MIPS code, not its docstring nor the reference table (which
// say "reverse order" / "LSB-first"). tasks/rnn_div_<k>_numerical/create_dataset.py runs
// r = 2r + x_s; q_s, r = r div k, r mod k: that is schoolbook division with the FIRST bit the
// MOST significant: q_s = floor(N_s / k) mod 2, the newest quotient bit, where N_s is the number
// written x_0..x_s. Its outputs are then [0, q_0, ..., q_{n-2}] (a leading 0 is stacked in front
// and, in the version with sequences_y[:, :10, :], the last quotient bit cut), so the answer
// arrives one position late:
//
//	y_0 = 0,  y_t = q_{t-1} = floor(N_{t-1} / k) mod 2.
//
// That the paper's data has this one-step delay is checked on its first training rows, kept in
// gpt4/Div_3/0/output_conversation.txt and gpt4/Div_7/0/output_conversation.txt: for
// x = 0,1,0,0,0,1,0,0,0,1, Div_3 gives y = 0,0,0,0,1,0,1,1,0,1 (undelayed it would be
// 0,0,0,1,0,1,1,0,1,1) and Div_7 gives y = 0,0,0,0,0,1,0,0,1,1. k >= 2.
func Div(k int) *task.Task {
	return mips(fmt.Sprintf("div_%d", k), fmt.Sprintf("rnn_div_%d_numerical", k),
		fmt.Sprintf("quotient bits of the binary number (first bit most significant) divided by %d, one position late", k),
		shortLength, bits(1),
		running(func() func(x []float64) float64 {
			remainder, late := 0, 0.0
			return func(x []float64) float64 {
				y := late // the quotient bit of the previous position
				r := 2*remainder + int(x[0])
				late, remainder = float64(r/k), r%k
				return y
			}
		}))
}

// AddMod is MIPS tasks 52-57 (Add_Mod_3 .. Add_Mod_8, rnn_add_mod_<k>_numerical): y_t is the
// prefix sum x_0 + ... + x_t mod k, inputs uniform in [0, k).
func AddMod(k int) *task.Task {
	return mips(fmt.Sprintf("add_mod_%d", k), fmt.Sprintf("rnn_add_mod_%d_numerical", k),
		fmt.Sprintf("sum of all inputs so far, mod %d", k), shortLength, ints(1, 0, k),
		running(func() func(x []float64) float64 {
			s := 0.0
			return func(x []float64) float64 { s = mod(s+x[0], k); return s }
		}))
}

// Dithering is MIPS task 58 (Dithering, rnn_dithering_numerical): a 1-D error-diffusion dither.
// Brightness levels x_t uniform in [0, 16) are quantized to one bit each, y_t in {0, 1}, so that
// the running totals agree: with S_t = x_0 + ... + x_t and S_{-1} = 0,
//
//	y_t = floor(S_t / 15) - floor(S_{t-1} / 15).
//
// Follows tasks/rnn_dithering_numerical/create_dataset.py (divisor 15, inputs randint(0, 16)),
// and matches the paper's first training rows (gpt4/Dithering/0/output_conversation.txt).
func Dithering() *task.Task {
	return mips("dithering", "rnn_dithering_numerical",
		"1 when the running sum of brightness crosses a multiple of 15 (1-D error-diffusion dither)",
		shortLength, ints(1, 0, 16),
		running(func() func(x []float64) float64 {
			s := 0.0
			return func(x []float64) float64 {
				before := math.Floor(s / 15)
				s += x[0]
				return math.Floor(s/15) - before
			}
		}))
}
