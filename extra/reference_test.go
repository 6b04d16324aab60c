package extra

import (
	"fmt"
	"math"
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

// rows makes a sequence of k channels from consecutive groups of k values.
func rows(k int, vs ...float64) [][]float64 {
	xs := make([][]float64, len(vs)/k)
	for t := range xs {
		xs[t] = append([]float64(nil), vs[k*t:k*t+k]...)
	}
	return xs
}

// pairs makes a two-channel sequence from consecutive pairs of values.
func pairs(vs ...float64) [][]float64 { return rows(2, vs...) }

// triples makes a three-channel sequence from consecutive triples of values.
func triples(vs ...float64) [][]float64 { return rows(3, vs...) }

type refCase struct {
	in, want [][]float64
	note     string
}

// refCases holds, for every task, input sequences with outputs worked out by hand from the
// definition (never by calling the reference); the note shows the arithmetic. Real-valued
// cases are compared within 1e-12 (0.3 and 0.7 are not binary fractions).
var refCases = map[string][]refCase{
	"max_last3": {
		{seq(3, 1, 4, 1, 5, 9, 2, 6), seq(3, 3, 4, 4, 5, 9, 9, 9),
			"max(3)=3, max(3,1)=3, max(3,1,4)=4, max(1,4,1)=4, max(4,1,5)=5, max(1,5,9)=9, max(5,9,2)=9, max(9,2,6)=9"},
		{seq(0, 0, 7, 0, 0, 0), seq(0, 0, 7, 7, 7, 0), "7 at t=2 stays in the window for t=2,3,4 and leaves at t=5"},
		{seq(9, 8, 7, 6), seq(9, 9, 9, 8), "decreasing: 9 is in the windows of t=0,1,2; max(8,7,6)=8"},
	},
	"min_last2": {
		{seq(5, 3, 8, 8, 0, 9), seq(5, 3, 3, 8, 0, 0), "y0=5, min(5,3)=3, min(3,8)=3, min(8,8)=8, min(8,0)=0, min(0,9)=0"},
		{seq(7, 9, 2), seq(7, 7, 2), "y_0 = 7, not min(0,7)=0: no zero padding"},
	},
	"max_last2_real": {
		{seq(0.5, -0.5, 0.25, -1), seq(0.5, 0.5, 0.25, 0.25), "max(.5,-.5)=.5, max(-.5,.25)=.25, max(.25,-1)=.25"},
		{seq(-0.75, -0.25), seq(-0.75, -0.25), "y_0 = -0.75, not max(0,-0.75): no zero padding"},
	},
	"above5": {
		{seq(5, 6, 0, 9), seq(0, 1, 0, 1), "5 is not above 5"},
		{seq(4, 5, 6, 7), seq(0, 0, 1, 1), "the step is between 5 and 6"},
	},
	"count_above5": {
		{seq(6, 5, 9, 0, 7, 7, 1), seq(1, 1, 2, 2, 3, 4, 4), "above 5: 6 (1), 9 (2), 7 (3), 7 (4)"},
		{seq(5, 5, 5), seq(0, 0, 0), "5 is not above 5"},
	},
	"sum_passed20": {
		{seq(9, 9, 2, 1, 0, 5), seq(0, 0, 0, 1, 1, 1), "S = 9,18,20,21,21,26: 20 itself has not passed 20"},
		{seq(9, 9, 9, 0), seq(0, 0, 1, 1), "S = 9,18,27,27"},
		{seq(0, 0, 0), seq(0, 0, 0), "S = 0,0,0"},
	},
	"sum_crosses20": {
		{seq(9, 9, 2, 1, 0, 5), seq(0, 0, 0, 1, 0, 0), "S = 9,18,20,21,21,26: first > 20 at t=3, only there"},
		{seq(9, 9, 9, 9, 9), seq(0, 0, 1, 0, 0), "S = 9,18,27,36,45: crosses at t=2"},
		{seq(1, 1, 1), seq(0, 0, 0), "S = 1,2,3 never passes 20"},
	},
	"prod_prev": {
		{seq(3, -2, 0, 5, -5, -4), seq(0, -6, 0, 0, -25, 20), "3·0=0, -2·3=-6, 0·-2=0, 5·0=0, -5·5=-25, -4·-5=20"},
		{seq(5, 5, 5), seq(0, 25, 25), "x_{-1}=0, then 5·5"},
	},
	"sign_prod_prev": {
		{seq(3, -2, 0, 5, -5, -4), seq(0, -1, 0, 0, -1, 1), "products 0,-6,0,0,-25,20"},
		{seq(-1, -1, 2), seq(0, 1, -1), "products 0, 1, -2"},
	},
	"prod_prev_real": {
		{seq(0.5, -0.5, 0.25, 1), seq(0, -0.25, -0.125, 0.25), "0.5·0, -0.5·0.5, 0.25·-0.5, 1·0.25"},
		{seq(-1, -1), seq(0, 1), "-1·0=0, -1·-1=1"},
	},
	"half_floor": {
		{seq(0, 1, 2, 3, 98, 99, 57), seq(0, 0, 1, 1, 49, 49, 28), "57/2 = 28.5 -> 28"},
		{seq(10, 11), seq(5, 5), "11/2 = 5.5 -> 5"},
	},
	"third_floor": {
		{seq(-9, -7, -1, 0, 1, 2, 3, 8), seq(-3, -3, -1, 0, 0, 0, 1, 2), "-7/3=-2.33 -> -3, -1/3=-0.33 -> -1, 8/3=2.67 -> 2"},
		{seq(-3, -4, 4, 9), seq(-1, -2, 1, 3), "-4/3=-1.33 -> -2, 4/3=1.33 -> 1"},
	},
	"sign": {
		{seq(-5, 0, 3, -1, 5), seq(-1, 0, 1, -1, 1), "sign"},
		{seq(1, -2, 4), seq(1, -1, 1), "sign"},
	},
	"greater_prev": {
		{seq(0, 3, 3, 2, 9, 0), seq(0, 1, 0, 0, 1, 0), "0>0 no, 3>0, 3>3 no, 2>3 no, 9>2, 0>9 no"},
		{seq(5, 6, 7), seq(1, 1, 1), "x_0=5 > x_{-1}=0"},
	},
	"sign_change": {
		{seq(0, 3, 2, -1, 0, 0, -4, 5), seq(0, 1, 0, 1, 1, 0, 1, 1),
			"signs 0,1,1,-1,0,0,-1,1 against (0),0,1,1,-1,0,0,-1: 0->+, +->-, -->0, 0->-, -->+ change"},
		{seq(-2, -5, -1), seq(1, 0, 0), "sign(x_0)=-1 differs from sign(x_{-1})=0"},
	},
	"prev_if_odd": {
		{seq(4, 7, 2, 9, 9, 0), seq(4, 4, 2, 2, 9, 0), "4 even: 4; 7 odd: 4; 2 even: 2; 9 odd: 2; 9 odd: 9; 0 even: 0"},
		{seq(1, 3), seq(0, 1), "1 odd: x_{-1}=0; 3 odd: 1"},
	},
	"last_nonzero": {
		{seq(0, 2, 0, 0, 3, 1, 0), seq(0, 2, 2, 2, 3, 1, 1), "zeros keep the last nonzero value"},
		{seq(0, 0, 1), seq(0, 0, 1), "none yet: 0"},
	},
	"range_seen": {
		{seq(4, 7, 2, 5, 9, 0), seq(0, 3, 5, 5, 7, 9), "max 4,7,7,7,9,9 minus min 4,4,2,2,2,0"},
		{seq(3, 3, 3), seq(0, 0, 0), "constant"},
	},
	"mean_floor": {
		{seq(1, 2, 2, 9, 0), seq(1, 1, 1, 3, 2), "S = 1,3,5,14,14: 1/1, 3/2=1.5, 5/3=1.67, 14/4=3.5, 14/5=2.8 rounded down"},
		{seq(9, 0), seq(9, 4), "9/2 = 4.5 -> 4"},
	},
	"mean_round": {
		{seq(1, 2, 2, 9, 0), seq(1, 2, 2, 4, 3), "S = 1,3,5,14,14: 1, 1.5->2, 1.67->2, 3.5->4, 2.8->3"},
		{seq(9, 0, 0), seq(9, 5, 3), "9/2 = 4.5 -> 5 (half up), 9/3 = 3"},
		{seq(0, 1, 0, 0, 0), seq(0, 1, 0, 0, 0), "0, 0.5->1, 0.33->0, 0.25->0, 0.2->0"},
	},
	"a_plus_2b_prev": {
		{pairs(1, 2, 3, 4, 0, 9, 9, 0), seq(1, 7, 8, 27), "1+2·0, 3+2·2, 0+2·4, 9+2·9"},
		{pairs(0, 5, 0, 5), seq(0, 10), "b_{-1}=0, then 0+2·5"},
	},
	"a_minus_b_plus_c_lag2": {
		{triples(5, 2, 7, 1, 3, 8, 4, 4, 9, 0, 9, 0), seq(3, -2, 7, -1), "5-2+0, 1-3+0, 4-4+7, 0-9+8"},
		{triples(0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4), seq(0, 0, 1, 2), "c delayed by 2, zeros before the start"},
	},
	"sum_prev_mod3": {
		{seq(4, 5, 0, 2, 7), seq(1, 0, 2, 2, 0), "sums 4,9,5,2,9 mod 3"},
		{seq(1, 1, 1), seq(1, 2, 2), "sums 1,2,2"},
	},
	"pair_sum_mod4": {
		{pairs(3, 2, 9, 9, 0, 1, 4, 0), seq(1, 3, 0, 0), "a+b = 5,18,1,4; prefix 5,23,24,28 mod 4"},
		{pairs(1, 0, 1, 0, 1, 0, 1, 0, 1, 0), seq(1, 2, 3, 0, 1), "prefix 1,2,3,4,5 mod 4"},
	},
	"min_max_seen": {
		{seq(50, 20, 70, 20, 99), pairs(50, 50, 20, 50, 20, 70, 20, 70, 20, 99), "min 50,20,20,20,20; max 50,50,70,70,99"},
		{seq(7, 3, 5), pairs(7, 7, 3, 7, 3, 7), "5 changes neither"},
	},
	"prev2_prev1": {
		{seq(11, 22, 33, 44), pairs(0, 0, 0, 11, 11, 22, 22, 33), "(x_{t-2}, x_{t-1}), zeros before the start"},
		{seq(5), pairs(0, 0), "both before the start"},
	},
	"sum_diff": {
		{pairs(3, 5, 9, 0, 4, 4), pairs(8, -2, 9, 9, 8, 0), "(3+5, 3-5), (9+0, 9-0), (4+4, 4-4)"},
		{pairs(0, 9), pairs(9, -9), "(0+9, 0-9)"},
	},
	"ema_half": {
		{seq(1, 0, -1, 0.5), seq(0.5, 0.25, -0.375, 0.0625), "0.5·1; 0.5·0.5+0; 0.5·0.25-0.5; 0.5·-0.375+0.25"},
		{seq(0.5, 0.5, 0.5), seq(0.25, 0.375, 0.4375), "0.25; 0.125+0.25; 0.1875+0.25"},
	},
	"blend_prev": {
		{seq(1, 0, -1, 0.5), seq(0.3, 0.7, -0.3, -0.55), "0.3·1; 0.7·1; -0.3; 0.15-0.7"},
		{seq(0.5, 0.5), seq(0.15, 0.5), "0.3·0.5; 0.15+0.35"},
	},
	"clip_half": {
		{seq(-1, -0.5, 0.25, 0.75, 0.5), seq(-0.5, -0.5, 0.25, 0.5, 0.5), "clipped to [-0.5, 0.5]"},
		{seq(0, -0.75), seq(0, -0.5), "inside, below"},
	},
}

// near says whether two sequences of outputs have the same shape and values within 1e-12.
func near(a, b [][]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for t := range a {
		if len(a[t]) != len(b[t]) {
			return false
		}
		for k := range a[t] {
			if math.Abs(a[t][k]-b[t][k]) > 1e-12 {
				return false
			}
		}
	}
	return true
}

func TestReferencesOnHandCheckedCases(t *testing.T) {
	for _, tk := range Tasks() {
		cases := refCases[tk.Name]
		if len(cases) < 2 {
			t.Errorf("%s: %d hand-checked cases, want at least 2", tk.Name, len(cases))
		}
		for _, c := range cases {
			if len(c.in) == 0 || len(c.in[0]) != tk.NumInputs() || len(c.want[0]) != tk.NumOutputs() {
				t.Errorf("%s (%s): case has the wrong number of channels", tk.Name, c.note)
				continue
			}
			got := tk.Reference(c.in)
			if !near(got, c.want) {
				t.Errorf("%s (%s):\n in   %v\n got  %v\n want %v", tk.Name, c.note, c.in, got, c.want)
			}
		}
	}
	if len(refCases) != len(Tasks()) {
		t.Errorf("refCases has %d tasks, want %d (a misspelt name?)", len(refCases), len(Tasks()))
	}
}

func TestReferencesOnEmptySequences(t *testing.T) {
	for _, tk := range Tasks() {
		if ys := tk.Reference(nil); len(ys) != 0 {
			t.Errorf("%s: %d outputs for an empty sequence", tk.Name, len(ys))
		}
	}
}

// The reference of ema_half is the closed form; it must agree with the recurrence it defines.
func TestEMAHalfClosedFormIsTheRecurrence(t *testing.T) {
	tk := EMAHalf()
	xs := seq(0.9, -0.3, 0.7, 0.1, -1, 0.2, 0.6, -0.8, 0.4, 0.05, -0.6, 0.3)
	ys := tk.Reference(xs)
	prev := 0.0
	for i, x := range xs {
		prev = 0.5*prev + 0.5*x[0]
		if math.Abs(ys[i][0]-prev) > 1e-12 {
			t.Fatalf("t=%d: closed form %v, recurrence %v", i, ys[i][0], prev)
		}
	}
}

func ExampleSumCrosses20() {
	tk := SumCrosses20()
	fmt.Println(tk.Reference(seq(9, 9, 2, 1, 0, 5)))
	// Output: [[0] [0] [0] [1] [0] [0]]
}
