package extra

import "github.com/discretetransformer/w2c/task"

// threshold is the constant c of the threshold tasks on digits: x > 5 splits the digits 0..9
// into 0..5 (six values) and 6..9 (four values).
const threshold = 5

// sumThreshold is the constant c that the running sum of digits is compared with: the expected
// sum of t+1 digits is 4.5(t+1), so it passes 20 around t = 4, mid-sequence at length 10.
const sumThreshold = 20

// Above5 is the indicator y_t = 1 if x_t > 5 else 0, on digits 0..9 (5 itself gives 0).
func Above5() *task.Task {
	return extra("above5", "1 if the input is greater than 5, else 0",
		x, y, true, ints(1, digitLo, digitHi),
		pointwise(func(x []float64) float64 { return indicator(x[0] > threshold) }))
}

// CountAbove5 counts the digits above 5 so far: y_t = #{s <= t : x_s > 5}, on digits 0..9.
func CountAbove5() *task.Task {
	return extra("count_above5", "number of inputs so far that are greater than 5",
		x, y, true, ints(1, digitLo, digitHi),
		running(func() func(x []float64) float64 {
			n := 0.0
			return func(x []float64) float64 { n += indicator(x[0] > threshold); return n }
		}))
}

// SumPassed20 says whether the running sum has passed 20 yet: y_t = 1 if
// S_t = x_0 + ... + x_t > 20 else 0, on digits 0..9 (a sum of exactly 20 gives 0). Since the
// digits are non-negative, S is non-decreasing and y stays 1 once it is 1.
func SumPassed20() *task.Task {
	return extra("sum_passed20", "1 once the running sum is greater than 20, else 0",
		x, y, true, ints(1, digitLo, digitHi),
		running(func() func(x []float64) float64 {
			s := 0.0
			return func(x []float64) float64 { s += x[0]; return indicator(s > sumThreshold) }
		}))
}

// SumCrosses20 marks the position where the running sum first passes 20: y_t = 1 if
// S_t > 20 and S_{t-1} <= 20 (S_t = x_0 + ... + x_t, S_{-1} = 0), else 0, on digits 0..9. At
// most one position of a sequence is 1 (none when the sum never passes 20).
func SumCrosses20() *task.Task {
	return extra("sum_crosses20", "1 only at the position where the running sum first exceeds 20",
		x, y, true, ints(1, digitLo, digitHi),
		running(func() func(x []float64) float64 {
			s := 0.0
			return func(x []float64) float64 {
				before := s
				s += x[0]
				return indicator(before <= sumThreshold && s > sumThreshold)
			}
		}))
}
