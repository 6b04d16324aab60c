package algorithmic

import (
	"math"

	"github.com/discretetransformer/w2c/task"
)

// EvensDetector is MIPS task 40 (Evens_Detector, rnn_evens_detector_numerical): y_t = 1 if x_t is
// even, else 0, for integers uniform in [0, 10).
func EvensDetector() *task.Task {
	return mips("evens_detector", "rnn_evens_detector_numerical", "1 if x_t is even, else 0",
		shortLength, ints(1, 0, 10), pointwise(func(x []float64) float64 { return indicator(isEven(x[0])) }))
}

// PerfectSquareDetector is MIPS task 41 (Perfect_Square_Detector,
// rnn_perfect_square_detector_numerical): y_t = 1 if x_t is a perfect square (0, 1, 4, 9, 16 in
// the range), else 0, for integers uniform in [0, 20).
func PerfectSquareDetector() *task.Task {
	return mips("perfect_square_detector", "rnn_perfect_square_detector_numerical",
		"1 if x_t is a perfect square, else 0", shortLength, ints(1, 0, 20),
		pointwise(func(x []float64) float64 { return indicator(isSquare(x[0])) }))
}

// EvensCounter is MIPS task 16 (Evens_Counter, rnn_evens_counter_numerical): y_t is the number of
// even integers among x_0..x_t, inputs uniform in [0, 10): the running count of Evens_Detector.
func EvensCounter() *task.Task {
	return mips("evens_counter", "rnn_evens_counter_numerical", "number of even inputs so far",
		shortLength, ints(1, 0, 10),
		running(func() func(x []float64) float64 {
			n := 0.0
			return func(x []float64) float64 { n += indicator(isEven(x[0])); return n }
		}))
}

// isEven reports whether the integer v is even.
func isEven(v float64) bool { return int(v)%2 == 0 }

// isSquare reports whether the integer v is the square of an integer.
func isSquare(v float64) bool {
	if v < 0 {
		return false
	}
	r := math.Round(math.Sqrt(v))
	return r*r == v
}
