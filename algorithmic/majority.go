package algorithmic

import (
	"fmt"

	"github.com/discretetransformer/w2c/task"
)

// Majority is MIPS tasks 37-39 (Majority_0_1/2/3, rnn_majority0_<k>_numerical): inputs are
// integers uniform in {0, ..., k} and y_t is the most frequent value among x_0..x_t, ties going
// to the lowest value. Only values already seen compete: at t = 0 the output is x_0, not 0.
// Follows the MIPS reference max(sorted(counts), key=counts.get), where counts holds the seen
// values only and max keeps the first (lowest) of equal counts. k >= 1.
func Majority(k int) *task.Task {
	return mips(fmt.Sprintf("majority_0_%d", k), fmt.Sprintf("rnn_majority0_%d_numerical", k),
		fmt.Sprintf("most frequent value so far among 0..%d, ties to the lowest", k),
		shortLength, ints(1, 0, k+1), prefixMode())
}

// prefixMode makes the running mode of the inputs, ties to the lowest value. It counts in a map,
// so that any integer input is accepted, not only those of the generator's range.
func prefixMode() task.Reference {
	return running(func() func(x []float64) float64 {
		counts := map[float64]int{}
		return func(x []float64) float64 {
			counts[x[0]]++
			mode, best := 0.0, 0
			for v, c := range counts {
				if c > best || (c == best && v < mode) {
					mode, best = v, c
				}
			}
			return mode
		}
	})
}
