package algorithmic

import "github.com/discretetransformer/w2c/task"

// BitwiseXor is MIPS task 7 (Bitwise_Xor, rnn_bitwise_xor): y_t = a_t XOR b_t for two uniform
// bit strings a and b.
func BitwiseXor() *task.Task {
	return bitwise("xor", "a_t XOR b_t", func(a, b int) int { return a ^ b })
}

// BitwiseOr is MIPS task 8 (Bitwise_Or, rnn_bitwise_or): y_t = a_t OR b_t.
func BitwiseOr() *task.Task {
	return bitwise("or", "a_t OR b_t", func(a, b int) int { return a | b })
}

// BitwiseAnd is MIPS task 9 (Bitwise_And, rnn_bitwise_and): y_t = a_t AND b_t.
func BitwiseAnd() *task.Task {
	return bitwise("and", "a_t AND b_t", func(a, b int) int { return a & b })
}

// BitwiseNot is MIPS task 10 (Bitwise_Not, rnn_bitwise_not): y_t = NOT x_t = 1 - x_t on one
// bit string.
func BitwiseNot() *task.Task {
	return mips("bitwise_not", "rnn_bitwise_not", "NOT x_t (1 - x_t)", shortLength, bits(1),
		pointwise(func(x []float64) float64 { return 1 - x[0] }))
}

// bitwise makes the two-string task y_t = op(a_t, b_t).
func bitwise(name, description string, op func(a, b int) int) *task.Task {
	t := mips("bitwise_"+name, "rnn_bitwise_"+name, description, shortLength, bits(2),
		pointwise(func(x []float64) float64 { return float64(op(int(x[0]), int(x[1]))) }))
	t.InputNames = []string{"a", "b"}
	return t
}
