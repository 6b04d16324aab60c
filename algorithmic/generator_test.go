package algorithmic

import (
	"fmt"
	"math"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// inputRange is the closed range [lo, hi] of the integer inputs of each task, as stated in the
// MIPS table (whose half-open [a, b) is [a, b-1] here).
var inputRange = map[string][2]float64{
	"binary_addition": {0, 1}, "base_3_addition": {0, 2}, "base_4_addition": {0, 3},
	"base_5_addition": {0, 4}, "base_6_addition": {0, 5}, "base_7_addition": {0, 6},
	"bitwise_xor": {0, 1}, "bitwise_or": {0, 1}, "bitwise_and": {0, 1}, "bitwise_not": {0, 1},
	"parity_last2": {0, 1}, "parity_last3": {0, 1}, "parity_last4": {0, 1}, "parity_all": {0, 1},
	"parity_zeros": {0, 1}, "evens_counter": {0, 9},
	"sum_all": {0, 99}, "sum_last2": {0, 99}, "sum_last3": {0, 99}, "sum_last4": {0, 99},
	"sum_last5": {0, 99}, "sum_last6": {0, 99}, "sum_last7": {0, 99},
	"current_number": {0, 99}, "prev1": {0, 99}, "prev2": {0, 99}, "prev3": {0, 99},
	"prev4": {0, 99}, "prev5": {0, 99}, "previous_equals_current": {0, 7},
	"diff_last2": {-100, 99}, "abs_diff": {-100, 99}, "abs_current": {-100, 99},
	"diff_abs_values": {-100, 99}, "min_seen": {0, 9}, "max_seen": {0, 99},
	"majority_0_1": {0, 1}, "majority_0_2": {0, 2}, "majority_0_3": {0, 3},
	"evens_detector": {0, 9}, "perfect_square_detector": {0, 19}, "bit_palindrome": {0, 1},
	"balanced_parenthesis": {0, 1}, "parity_bits_mod2": {0, 1}, "alternating_last3": {0, 1},
	"alternating_last4": {0, 1}, "bit_shift_right": {0, 1}, "bit_dot_prod_mod2": {0, 1},
	"div_3": {0, 1}, "div_5": {0, 1}, "div_7": {0, 1},
	"add_mod_3": {0, 2}, "add_mod_4": {0, 3}, "add_mod_5": {0, 4}, "add_mod_6": {0, 5},
	"add_mod_7": {0, 6}, "add_mod_8": {0, 7}, "dithering": {0, 15},
	"newton_freebody": {-10, 10}, "newton_gravity": {-10, 10}, "newton_spring": {-10, 10},
	"newton_magnetic": {-10, 10},
}

// draws is how many sequences each generator property is checked on.
const draws = 200

func TestGeneratorsAreDeterministic(t *testing.T) {
	for _, tk := range Tasks() {
		a := tk.Generate(task.RNG(7, task.StreamTrain, 3), tk.Length)
		b := tk.Generate(task.RNG(7, task.StreamTrain, 3), tk.Length)
		c := tk.Generate(task.RNG(8, task.StreamTrain, 3), tk.Length)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s: two draws with the same seed differ", tk.Name)
		}
		if fmt.Sprint(a) == fmt.Sprint(c) {
			t.Errorf("%s: draws with different seeds are equal", tk.Name)
		}
	}
}

func TestGeneratorsShapesAndRanges(t *testing.T) {
	for _, tk := range Tasks() {
		r, ok := inputRange[tk.Name]
		if !ok {
			t.Errorf("%s: no input range in the test table", tk.Name)
			continue
		}
		rng := task.RNG(1, task.StreamTest, 0)
		for _, n := range []int{1, tk.Length, 5 * tk.Length} {
			seen := map[float64]bool{}
			for i := 0; i < draws; i++ {
				xs := tk.Generate(rng, n)
				checkShape(t, tk, xs, n)
				for _, x := range xs {
					for _, v := range x {
						if v != math.Trunc(v) || v < r[0] || v > r[1] {
							t.Fatalf("%s: input %v outside the integers of [%v, %v]", tk.Name, v, r[0], r[1])
						}
						seen[v] = true
					}
				}
			}
			if n > 1 && (!seen[r[0]] || !seen[r[1]]) {
				t.Errorf("%s: length %d never drew the range ends %v", tk.Name, n, r)
			}
		}
	}
}

// checkShape checks the shapes of a drawn sequence and of its targets.
func checkShape(t *testing.T, tk *task.Task, xs [][]float64, n int) {
	t.Helper()
	if len(xs) != n {
		t.Fatalf("%s: %d positions, want %d", tk.Name, len(xs), n)
	}
	for _, x := range xs {
		if len(x) != tk.NumInputs() {
			t.Fatalf("%s: %d input channels, want %d", tk.Name, len(x), tk.NumInputs())
		}
	}
	ys := tk.Reference(xs)
	if len(ys) != n {
		t.Fatalf("%s: %d outputs, want %d", tk.Name, len(ys), n)
	}
	for _, y := range ys {
		if len(y) != tk.NumOutputs() {
			t.Fatalf("%s: %d output channels, want %d", tk.Name, len(y), tk.NumOutputs())
		}
		for _, v := range y {
			if v != math.Trunc(v) {
				t.Fatalf("%s: non-integer target %v", tk.Name, v)
			}
		}
	}
}

// A palindrome of length m >= 2 is planted at the start, so the output is 1 at position m-1:
// every drawn sequence has a 1 after position 0, at any length.
func TestBitPalindromePlantsAPalindrome(t *testing.T) {
	tk := BitPalindrome()
	rng := task.RNG(2, task.StreamTest, 0)
	longest := 0
	for _, n := range []int{2, 10, 50} {
		for i := 0; i < draws; i++ {
			ys := tk.Reference(tk.Generate(rng, n))
			last := 0
			for t := 1; t < n; t++ {
				if ys[t][0] == 1 {
					last = t
				}
			}
			if last == 0 {
				t.Fatalf("length %d: no palindromic prefix longer than 1 in %v", n, ys)
			}
			longest = max(longest, last+1)
		}
	}
	if longest < 40 {
		t.Errorf("the longest planted palindrome at length 50 was %d: the planted length should reach n", longest)
	}
}

// TestAlphabets checks the declared alphabets (certification enumerates them): every task but
// the planted palindrome declares one, it is the MIPS input range, and the generator draws
// every value of it and nothing else.
func TestAlphabets(t *testing.T) {
	for _, tk := range Tasks() {
		if tk.Name == "bit_palindrome" {
			if tk.Alphabet != nil {
				t.Errorf("bit_palindrome: its draws are not independent, yet it declares an alphabet")
			}
			continue
		}
		r := inputRange[tk.Name]
		if len(tk.Alphabet) != int(r[1]-r[0])+1 || tk.Alphabet[0] != r[0] || tk.Alphabet[len(tk.Alphabet)-1] != r[1] {
			t.Errorf("%s: alphabet %v, want %v..%v", tk.Name, tk.Alphabet, r[0], r[1])
			continue
		}
		seen := map[float64]bool{}
		rng := task.RNG(1, task.StreamTrain, 0)
		for i := 0; i < draws; i++ {
			for _, x := range tk.Generate(rng, tk.Length) {
				for _, v := range x {
					seen[v] = true
				}
			}
		}
		if len(seen) != len(tk.Alphabet) {
			t.Errorf("%s: %d distinct values drawn, alphabet has %d", tk.Name, len(seen), len(tk.Alphabet))
		}
	}
}
