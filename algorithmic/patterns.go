package algorithmic

import (
	"fmt"
	"math/rand/v2"

	"github.com/discretetransformer/w2c/task"
)

// BitPalindrome is MIPS task 42 (Bit_Palindrome, rnn_bit_palindromes_numerical): y_t = 1 if the
// prefix x_0..x_t reads the same backwards, else 0.
//
// Uniform bits would almost never give a long palindromic prefix, so the generator plants one:
// following tasks/rnn_bit_palindromes_numerical/create_dataset.py, the sequence starts with a
// uniform random palindrome whose length m is uniform in [2, n] (np.random.randint(2, 11) for
// n = 10) and continues with uniform bits. At other lengths (e.g. 50 for length generalization)
// the planted length keeps the same law, uniform in [2, n]; a sequence of length 1 is one
// uniform bit.
func BitPalindrome() *task.Task {
	return mips("bit_palindrome", "rnn_bit_palindromes_numerical",
		"1 if the bits so far form a palindrome, else 0", shortLength, custom(plantedPalindrome),
		local(func(xs [][]float64, t int) float64 { return indicator(isPalindrome(xs[:t+1])) }))
}

// plantedPalindrome draws uniform bits, then mirrors the first half of a prefix of uniform length
// in [2, n] onto its second half, which makes that prefix a uniform random palindrome.
func plantedPalindrome(rng *rand.Rand, n int) [][]float64 {
	xs := task.UniformInts(rng, n, 1, 0, 2)
	if n < 2 {
		return xs
	}
	m := 2 + rng.IntN(n-1)
	for i := 0; i < m/2; i++ {
		xs[m-1-i][0] = xs[i][0]
	}
	return xs
}

// isPalindrome reports whether channel 0 of xs reads the same in both directions.
func isPalindrome(xs [][]float64) bool {
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		if xs[i][0] != xs[j][0] {
			return false
		}
	}
	return true
}

// BalancedParenthesis is MIPS task 43 (Balanced_Parenthesis, rnn_balanced_parenthesis_numerical):
// bits are parentheses, 0 = "(" and 1 = ")", and y_t = 1 if the prefix x_0..x_t is balanced.
// Follows the MIPS check_parentheses_balance: the depth goes up on "(" and down on ")", the
// output is 1 where it returns to 0, and once it drops below 0 (a ")" with nothing to close)
// every later output is 0, even where the count evens out again.
func BalancedParenthesis() *task.Task {
	return mips("balanced_parenthesis", "rnn_balanced_parenthesis_numerical",
		"1 if the prefix is a balanced string of parentheses (0 = open, 1 = close), else 0",
		shortLength, bits(1),
		running(func() func(x []float64) float64 {
			depth, broken := 0, false
			return func(x []float64) float64 {
				if x[0] == 0 {
					depth++
				} else {
					depth--
				}
				broken = broken || depth < 0
				return indicator(!broken && depth == 0)
			}
		}))
}

// AlternatingLast is MIPS tasks 45-46 (Alternating_Last3/4, rnn_alternating_last<k>_numerical):
// y_t = 1 if the last k bits x_{t-k+1..t} alternate (010 or 101 for k = 3; 0101 or 1010 for
// k = 4), else 0. Bits before the start read as 0 (the MIPS generator pads k-1 zeros in front),
// so a window that reaches back before the start can still match, e.g. (0),1,0 at t = 1. k >= 2.
func AlternatingLast(k int) *task.Task {
	return mips(fmt.Sprintf("alternating_last%d", k), fmt.Sprintf("rnn_alternating_last%d_numerical", k),
		fmt.Sprintf("1 if the last %d bits alternate (zeros before the start), else 0", k),
		shortLength, bits(1),
		local(func(xs [][]float64, t int) float64 { return indicator(alternates(xs, t, k)) }))
}

// alternates reports whether each of the last k values up to t differs from the one before it.
func alternates(xs [][]float64, t, k int) bool {
	for j := 0; j < k-1; j++ {
		if prev(xs, t, j, 0) == prev(xs, t, j+1, 0) {
			return false
		}
	}
	return true
}
