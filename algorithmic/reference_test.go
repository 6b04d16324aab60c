package algorithmic

import (
	"fmt"
	"testing"
)

// seq makes a one-channel sequence.
func seq(vs ...float64) [][]float64 {
	xs := make([][]float64, len(vs))
	for t, v := range vs {
		xs[t] = []float64{v}
	}
	return xs
}

// zip makes a two-channel sequence from two strings of equal length.
func zip(a, b []float64) [][]float64 {
	xs := make([][]float64, len(a))
	for t := range a {
		xs[t] = []float64{a[t], b[t]}
	}
	return xs
}

// pairs makes a two-channel sequence from consecutive pairs of values.
func pairs(vs ...float64) [][]float64 {
	xs := make([][]float64, len(vs)/2)
	for t := range xs {
		xs[t] = []float64{vs[2*t], vs[2*t+1]}
	}
	return xs
}

// v is shorthand for a string of values.
func v(vs ...float64) []float64 { return vs }

type refCase struct {
	in, want [][]float64
	note     string
}

// refCases holds, for every task, input sequences with outputs worked out by hand from the
// definition (never by calling the reference). Cases marked "MIPS data" are rows of the data the
// paper trained on, as recorded in the MIPS repository's GPT-4 prompts
// (gpt4/<Task>/0/output_conversation.txt).
var refCases = map[string][]refCase{
	"binary_addition": {
		{zip(v(1, 1, 0, 1), v(1, 0, 0, 1)), seq(0, 0, 1, 0), "11+9=20=10100b, LSB first, fifth bit dropped"},
		{zip(v(1, 1, 1, 1), v(1, 0, 0, 0)), seq(0, 0, 0, 0), "15+1=16 overflows 4 bits"},
		{zip(v(0, 1, 0), v(0, 0, 1)), seq(0, 1, 1), "no carry"},
	},
	"base_3_addition": {{zip(v(2, 2, 1), v(1, 2, 0)), seq(0, 2, 2), "17+7=24=220 base 3, LSB first"}},
	"base_4_addition": {{zip(v(3, 3), v(1, 0)), seq(0, 0), "carry ripples and is dropped"}},
	"base_5_addition": {{zip(v(4, 1), v(3, 2)), seq(2, 4), "4+3=7=12 base 5; 1+2+1=4"}},
	"base_6_addition": {{zip(v(5, 5, 0), v(5, 0, 0)), seq(4, 0, 1), "35+5=40=104 base 6"}},
	"base_7_addition": {{zip(v(6, 3), v(6, 3)), seq(5, 0), "6+6=12=15 base 7; 3+3+1=7"}},
	"bitwise_xor":     {{zip(v(0, 0, 1, 1), v(0, 1, 0, 1)), seq(0, 1, 1, 0), "truth table"}},
	"bitwise_or":      {{zip(v(0, 0, 1, 1), v(0, 1, 0, 1)), seq(0, 1, 1, 1), "truth table"}},
	"bitwise_and":     {{zip(v(0, 0, 1, 1), v(0, 1, 0, 1)), seq(0, 0, 0, 1), "truth table"}},
	"bitwise_not":     {{seq(0, 1, 1, 0), seq(1, 0, 0, 1), "truth table"}},
	"parity_last2":    {{seq(1, 0, 1, 1, 0), seq(1, 1, 1, 0, 1), "x_{-1} = 0"}},
	"parity_last3":    {{seq(1, 1, 0, 1, 1, 1), seq(1, 0, 0, 0, 0, 1), "window of 3"}},
	"parity_last4": {
		{seq(1, 0, 0, 0, 1, 1, 0), seq(1, 1, 1, 1, 1, 0, 0), "a parity, not an OR: 0,0,1,1 -> 0"},
		{seq(0, 1, 0, 0, 0, 1, 0, 0, 0, 1), seq(0, 1, 1, 1, 1, 1, 1, 1, 1, 1), "MIPS data"},
	},
	"parity_all":   {{seq(1, 0, 1, 1, 0, 1), seq(1, 1, 0, 1, 1, 0), "prefix XOR"}},
	"parity_zeros": {{seq(0, 1, 0, 0, 1), seq(1, 1, 0, 1, 1), "zeros counted 1,1,2,3,3"}},
	"evens_counter": {
		{seq(2, 7, 6, 4, 6, 5, 0, 4, 0, 3), seq(1, 1, 2, 3, 4, 4, 5, 6, 7, 7), "0 is even; MIPS data"},
	},
	"sum_all":        {{seq(5, 0, 12, 99), seq(5, 5, 17, 116), "prefix sum"}},
	"sum_last2":      {{seq(5, 0, 12, 99), seq(5, 5, 12, 111), "x_{-1} = 0"}},
	"sum_last3":      {{seq(1, 2, 3, 4, 5), seq(1, 3, 6, 9, 12), "window of 3"}},
	"sum_last4":      {{seq(1, 2, 3, 4, 5, 6), seq(1, 3, 6, 10, 14, 18), "window of 4"}},
	"sum_last5":      {{seq(1, 2, 3, 4, 5, 6, 7), seq(1, 3, 6, 10, 15, 20, 25), "window of 5"}},
	"sum_last6":      {{seq(1, 2, 3, 4, 5, 6, 7, 8), seq(1, 3, 6, 10, 15, 21, 27, 33), "window of 6"}},
	"sum_last7":      {{seq(1, 2, 3, 4, 5, 6, 7, 8, 9), seq(1, 3, 6, 10, 15, 21, 28, 35, 42), "window of 7"}},
	"current_number": {{seq(7, 0, 42), seq(7, 0, 42), "identity"}},
	"prev1":          {{seq(7, 3, 42, 9), seq(0, 7, 3, 42), "0 before the start"}},
	"prev2":          {{seq(7, 3, 42, 9), seq(0, 0, 7, 3), "0 before the start"}},
	"prev3":          {{seq(7, 3, 42, 9, 1), seq(0, 0, 0, 7, 3), "0 before the start"}},
	"prev4":          {{seq(7, 3, 42, 9, 1, 2), seq(0, 0, 0, 0, 7, 3), "0 before the start"}},
	"prev5":          {{seq(7, 3, 42, 9, 1, 2, 8), seq(0, 0, 0, 0, 0, 7, 3), "0 before the start"}},
	"previous_equals_current": {
		{seq(0, 7, 7, 4, 7, 7, 2, 2, 6, 0), seq(1, 0, 1, 0, 0, 1, 0, 1, 0, 0), "x_0 = 0 equals x_{-1} := 0; MIPS data"},
		{seq(6, 7, 1, 5, 3, 3), seq(0, 0, 0, 0, 0, 1), "MIPS data"},
	},
	"diff_last2": {
		{seq(42, -33, -24, -86), seq(42, -75, 9, -62), "y_0 = x_0; MIPS data"},
		{seq(78, -86, -90, 54), seq(78, -164, -4, 144), "no int8 wrap-around; MIPS data"},
	},
	"abs_diff": {
		{seq(42, -33, -24, -86), seq(42, 75, 9, 62), "MIPS data"},
		{seq(-30, 9, 70), seq(30, 39, 61), "y_0 = |x_0|; MIPS data"},
	},
	"abs_current": {{seq(-100, 0, 99, -5), seq(100, 0, 99, 5), "|x|"}},
	"diff_abs_values": {
		{seq(42, -33, -24, -86), seq(42, -9, -9, 62), "MIPS data"},
		{seq(-30, 9, 70), seq(30, -21, 61), "y_0 = |x_0|; MIPS data"},
	},
	"min_seen": {
		{seq(2, 7, 6, 4, 6, 5, 0, 4), seq(2, 2, 2, 2, 2, 2, 0, 0), "MIPS data"},
		{seq(9, 6, 3, 1, 9), seq(9, 6, 3, 1, 1), "y_0 = x_0, not 0"},
	},
	"max_seen":     {{seq(5, 3, 80, 2, 99), seq(5, 5, 80, 80, 99), "prefix maximum"}},
	"majority_0_1": {{seq(1, 0, 0, 1, 1, 1), seq(1, 0, 0, 0, 1, 1), "ties at t=1 and t=3 go to 0"}},
	"majority_0_2": {
		{seq(0, 2, 1, 1, 0, 2, 1, 2, 1, 2), seq(0, 0, 0, 1, 0, 0, 1, 1, 1, 1), "MIPS data"},
		{seq(2, 0, 1, 0, 0, 2, 2, 1, 0, 2), seq(2, 0, 0, 0, 0, 0, 0, 0, 0, 0), "y_0 = x_0: unseen values do not compete; MIPS data"},
	},
	"majority_0_3":            {{seq(3, 2, 2, 3, 3, 1), seq(3, 2, 2, 2, 3, 3), "tie 2:2 vs 3:2 goes to 2"}},
	"evens_detector":          {{seq(0, 1, 2, 9, 8), seq(1, 0, 1, 0, 1), "0 is even"}},
	"perfect_square_detector": {{seq(0, 1, 2, 3, 4, 8, 9, 15, 16, 19), seq(1, 1, 0, 0, 1, 0, 1, 0, 1, 0), "0,1,4,9,16"}},
	"bit_palindrome": {
		{seq(1, 0, 0, 0, 0, 0, 0, 1, 0, 1), seq(1, 0, 0, 0, 0, 0, 0, 1, 0, 0), "MIPS data"},
		{seq(0, 1, 0, 1, 1), seq(1, 0, 1, 0, 0), "odd palindrome 010"},
		{seq(1, 1, 0, 1, 1), seq(1, 1, 0, 0, 1), "11 and 11011"},
	},
	"balanced_parenthesis": {
		{seq(0, 1, 0, 0, 1, 1), seq(0, 1, 0, 0, 0, 1), "()(()): balanced at t=1 and t=5"},
		{seq(1, 0, 1), seq(0, 0, 0), ")( is never balanced, though the count evens out at t=1"},
		{seq(0, 1, 1, 0, 0, 1), seq(0, 1, 0, 0, 0, 0), "())... broken at t=2 for good"},
		{seq(0, 1, 0, 1, 0, 0, 1, 0, 1, 1), seq(0, 1, 0, 1, 0, 0, 0, 0, 0, 1), "MIPS data"},
	},
	"parity_bits_mod2": {{seq(1, 1, 0, 1, 0), seq(0, 1, 0, 1, 0), "input ignored"}},
	"alternating_last3": {
		{seq(1, 0, 1, 1, 1, 0, 1, 0, 1, 1), seq(0, 1, 1, 0, 0, 0, 1, 1, 1, 0), "(0),1,0 matches at t=1; MIPS data"},
	},
	"alternating_last4": {{seq(1, 0, 1, 0, 0, 1, 0, 1), seq(0, 0, 1, 1, 0, 0, 0, 1), "(0),1,0,1 matches at t=2"}},
	"bit_shift_right":   {{seq(1, 1, 0, 1), seq(0, 1, 1, 0), "0 at the start"}},
	"bit_dot_prod_mod2": {{zip(v(1, 1, 0, 1, 1), v(1, 0, 1, 1, 1)), seq(1, 1, 1, 0, 1), "products 1,0,0,1,1"}},
	"div_3": {
		{seq(1, 1, 0), seq(0, 0, 1), "1 -> q 0 r 1; 11b=3 -> q 1: one position late"},
		{seq(0, 1, 0, 0, 0, 1, 0, 0, 0, 1), seq(0, 0, 0, 0, 1, 0, 1, 1, 0, 1), "MIPS data"},
		{seq(1, 0, 1, 1, 1, 1, 1, 1, 1, 1), seq(0, 0, 0, 1, 1, 1, 1, 1, 1, 1), "MIPS data"},
	},
	"div_5": {{seq(1, 1, 0, 1, 1, 1, 0), seq(0, 0, 0, 1, 0, 1, 1), "1101110b/101b = 0010110b (generator docstring), one position late"}},
	"div_7": {{seq(0, 1, 0, 0, 0, 1, 0, 0, 0, 1), seq(0, 0, 0, 0, 0, 1, 0, 0, 1, 1), "MIPS data"}},
	"add_mod_3": {
		{seq(0, 2, 1, 1, 0, 2), seq(0, 2, 0, 1, 1, 0), "prefix sums 0,2,3,4,4,6; MIPS data"},
	},
	"add_mod_4": {{seq(3, 3, 2, 1), seq(3, 2, 0, 1), "prefix sums 3,6,8,9"}},
	"add_mod_5": {{seq(4, 4, 4), seq(4, 3, 2), "prefix sums 4,8,12"}},
	"add_mod_6": {{seq(5, 5, 2), seq(5, 4, 0), "prefix sums 5,10,12"}},
	"add_mod_7": {{seq(6, 6, 3), seq(6, 5, 1), "prefix sums 6,12,15"}},
	"add_mod_8": {{seq(7, 7, 2, 0), seq(7, 6, 0, 0), "prefix sums 7,14,16,16"}},
	"dithering": {
		{seq(15, 15, 0, 14, 1), seq(1, 1, 0, 0, 1), "S = 15,30,30,44,45"},
		{seq(6, 3, 12, 14, 10, 7, 12, 4, 6, 9), seq(0, 0, 1, 1, 1, 0, 1, 0, 0, 1), "MIPS data"},
	},
	"newton_freebody": {{seq(1, 2, -3), seq(1, 4, 4), "v = 1,3,0"}},
	"newton_gravity":  {{seq(1, 2, -3), seq(0, 1, -2), "a = 0,1,-4; v = 0,1,-3"}},
	"newton_spring": {
		{seq(1, 0, 0), seq(1, 1, 0), "a = 1,-1,-1 uses p before the step"},
		{seq(5, -8, -6, 9, 8, 7, 9, -5, -3, 4), seq(5, -3, -14, -2, 20, 29, 18, -16, -37, -17), "MIPS data"},
	},
	"newton_magnetic": {
		{pairs(1, 0, 0, 0, 0, 0), pairs(1, 0, 2, 1, 2, 3), "a = (1,0), (0,1), (-1,1)"},
		{pairs(5, -8, -6, 9, 8, 7, 9, -5, -3, 4, -3, 9, 10, 8, 5, 6, 10, 3, -1, 0),
			pairs(5, -8, 12, -2, 21, 18, 19, 42, -10, 68, -68, 74, -122, 30, -127, -62, -30, -156, 160, -153), "MIPS data"},
	},
}

func TestReferencesOnHandCheckedCases(t *testing.T) {
	for _, tk := range Tasks() {
		cases := refCases[tk.Name]
		if len(cases) == 0 {
			t.Errorf("%s: no hand-checked case", tk.Name)
		}
		for _, c := range cases {
			got := tk.Reference(c.in)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s (%s):\n in   %v\n got  %v\n want %v", tk.Name, c.note, c.in, got, c.want)
			}
		}
	}
	if len(refCases) != 62 {
		t.Errorf("refCases has %d tasks, want 62 (a misspelt name?)", len(refCases))
	}
}

func TestReferencesOnEmptySequences(t *testing.T) {
	for _, tk := range Tasks() {
		if ys := tk.Reference(nil); len(ys) != 0 {
			t.Errorf("%s: %d outputs for an empty sequence", tk.Name, len(ys))
		}
	}
}
