package algorithmic

import (
	"math"

	"github.com/discretetransformer/w2c/task"
)

// MinSeen is MIPS task 35 (Min_Seen, rnn_min_numerical): y_t = min(x_0..x_t), integers uniform
// in [0, 10) (the MIPS range for this task, narrower than Max_Seen's).
func MinSeen() *task.Task {
	return mips("min_seen", "rnn_min_numerical", "smallest input so far (prefix minimum)",
		shortLength, ints(1, 0, 10), prefixExtreme(math.Min))
}

// MaxSeen is MIPS task 36 (Max_Seen, rnn_max_numerical): y_t = max(x_0..x_t), integers uniform
// in [0, 100). A prefix maximum, whatever the docstring of the MIPS generator (copied from
// Sum_All) says.
func MaxSeen() *task.Task {
	return mips("max_seen", "rnn_max_numerical", "largest input so far (prefix maximum)",
		shortLength, ints(1, 0, 100), prefixExtreme(math.Max))
}

// prefixExtreme makes the running fold of the inputs under pick (math.Min or math.Max).
func prefixExtreme(pick func(a, b float64) float64) task.Reference {
	return running(func() func(x []float64) float64 {
		best, seen := 0.0, false
		return func(x []float64) float64 {
			if !seen {
				best, seen = x[0], true
			}
			best = pick(best, x[0])
			return best
		}
	})
}
