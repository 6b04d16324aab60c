package algorithmic

import (
	"fmt"

	"github.com/discretetransformer/w2c/task"
)

// BinaryAddition is MIPS task 1 (Binary_Addition, repository directory bit_addition): two binary
// numbers a and b arrive least significant bit first, one bit of each per position, and y_t is
// bit t of a+b. The carry out of the last position is dropped (the sum keeps the input length).
// It is BaseAddition(2) under its MIPS name; follows tasks/bit_addition/create_dataset.py.
func BinaryAddition() *task.Task {
	t := BaseAddition(2)
	t.Name, t.Aliases = "binary_addition", []string{"bit_addition"}
	t.Description = "bit t of a+b, two binary numbers fed least significant bit first (overflow dropped)"
	return t
}

// BaseAddition is MIPS tasks 2-6 (Base_3_Addition .. Base_7_Addition, directories
// rnn_base_<k>_addition): two base-k numbers a and b arrive least significant digit first, digits
// uniform in [0, k), and y_t is digit t of a+b, the carry rippling forward and the final carry
// dropped. Follows tasks/rnn_base_3_addition/create_dataset.py:
// y_t = (a_t + b_t + c_t) mod k, c_{t+1} = (a_t + b_t + c_t) div k, c_0 = 0.
func BaseAddition(base int) *task.Task {
	t := mips(fmt.Sprintf("base_%d_addition", base), fmt.Sprintf("rnn_base_%d_addition", base),
		fmt.Sprintf("digit t of a+b, two base-%d numbers fed least significant digit first (overflow dropped)", base),
		shortLength, ints(2, 0, base), addDigits(base))
	t.InputNames = []string{"a", "b"}
	return t
}

// addDigits is schoolbook addition in the given base, one digit column per position.
func addDigits(base int) task.Reference {
	return running(func() func(x []float64) float64 {
		carry := 0
		return func(x []float64) float64 {
			s := int(x[0]) + int(x[1]) + carry
			carry = s / base
			return float64(s % base)
		}
	})
}
