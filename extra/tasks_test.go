package extra

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"testing"

	"github.com/discretetransformer/w2c/task"
)

// inputs is, for every task, the closed range [lo, hi] of its integer inputs, or nil for the
// real-valued tasks (reals in [-1, 1)). It is written out here, not read from the tasks, so
// that a change of range shows up as a test failure.
var inputs = map[string][]float64{
	"max_last3": {0, 9}, "min_last2": {0, 9}, "max_last2_real": nil,
	"above5": {0, 9}, "count_above5": {0, 9}, "sum_passed20": {0, 9}, "sum_crosses20": {0, 9},
	"prod_prev": {-5, 5}, "sign_prod_prev": {-5, 5}, "prod_prev_real": nil,
	"half_floor": {0, 99}, "third_floor": {-9, 9},
	"sign": {-5, 5}, "greater_prev": {0, 9}, "sign_change": {-5, 5},
	"prev_if_odd": {0, 9}, "last_nonzero": {0, 3},
	"range_seen": {0, 9}, "mean_floor": {0, 9}, "mean_round": {0, 9},
	"a_plus_2b_prev": {0, 9}, "a_minus_b_plus_c_lag2": {0, 9},
	"sum_prev_mod3": {0, 9}, "pair_sum_mod4": {0, 9},
	"min_max_seen": {0, 99}, "prev2_prev1": {0, 99}, "sum_diff": {0, 9},
	"ema_half": nil, "blend_prev": nil, "clip_half": nil,
}

// draws is how many sequences each generator property is checked on.
const draws = 200

func TestTasksAreWellFormed(t *testing.T) {
	ts := Tasks()
	if len(ts) < 26 {
		t.Errorf("%d tasks, want at least 26", len(ts))
	}
	if len(inputs) != len(ts) {
		t.Errorf("the input table has %d tasks, Tasks %d", len(inputs), len(ts))
	}
	name := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	identifier := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	seen := map[string]bool{}
	reals, multi, twoOut := 0, 0, 0
	for _, tk := range ts {
		if err := tk.Validate(); err != nil {
			t.Error(err)
		}
		if !name.MatchString(tk.Name) {
			t.Errorf("%q is not a lower-case name", tk.Name)
		}
		if seen[tk.Name] {
			t.Errorf("%s: name used twice", tk.Name)
		}
		seen[tk.Name] = true
		if tk.Group != Group || tk.Description == "" || tk.Warmup != 0 || tk.Length != 10 ||
			len(tk.Aliases) != 0 || tk.Index != 0 || tk.MIPS != "" || tk.GPT4 != "" {
			t.Errorf("%s: group %q, description %q, warmup %d, length %d, aliases %v, index %d, MIPS %q, GPT4 %q",
				tk.Name, tk.Group, tk.Description, tk.Warmup, tk.Length, tk.Aliases, tk.Index, tk.MIPS, tk.GPT4)
		}
		if slices.Contains([]rune(tk.Description), '\n') {
			t.Errorf("%s: description is not one line", tk.Name)
		}
		chans := append(slices.Clone(tk.InputNames), tk.OutputNames...)
		for _, n := range chans {
			if !identifier.MatchString(n) {
				t.Errorf("%s: channel name %q is not an identifier", tk.Name, n)
			}
		}
		if len(slices.Compact(slices.Sorted(slices.Values(chans)))) != len(chans) {
			t.Errorf("%s: channel names %v repeat", tk.Name, chans)
		}
		r, ok := inputs[tk.Name]
		if !ok {
			t.Errorf("%s: not in the input table", tk.Name)
		}
		if tk.Integer != (r != nil) {
			t.Errorf("%s: Integer %v, but the input table says %v", tk.Name, tk.Integer, r)
		}
		if !tk.Integer {
			reals++
		}
		if tk.NumInputs() > 1 {
			multi++
		}
		if tk.NumOutputs() == 2 {
			twoOut++
		}
	}
	if reals < 4 || multi < 3 || twoOut < 3 {
		t.Errorf("%d real-valued, %d multi-channel, %d two-output tasks; want at least 4, 3, 3", reals, multi, twoOut)
	}
}

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

// TestAlphabets checks the declared alphabets: every integer task declares exactly its input
// range, and its generator draws every value of it (over 200 sequences) and nothing else; the
// real-valued tasks declare none and draw reals in [-1, 1) that are not all integers.
func TestAlphabets(t *testing.T) {
	for _, tk := range Tasks() {
		r := inputs[tk.Name]
		seen := map[float64]bool{}
		rng := task.RNG(1, task.StreamTrain, 0)
		for i := 0; i < draws; i++ {
			for _, x := range tk.Generate(rng, tk.Length) {
				for _, v := range x {
					seen[v] = true
				}
			}
		}
		if r == nil {
			if tk.Alphabet != nil {
				t.Errorf("%s: real-valued, yet it declares an alphabet", tk.Name)
			}
			for v := range seen {
				if v < -1 || v >= 1 || math.IsNaN(v) {
					t.Fatalf("%s: input %v outside [-1, 1)", tk.Name, v)
				}
			}
			if len(seen) < draws*tk.Length*tk.NumInputs()/2 {
				t.Errorf("%s: only %d distinct reals drawn", tk.Name, len(seen))
			}
			continue
		}
		want := task.IntRange(int(r[0]), int(r[1])+1)
		if !slices.Equal(tk.Alphabet, want) {
			t.Errorf("%s: alphabet %v, want %v..%v", tk.Name, tk.Alphabet, r[0], r[1])
			continue
		}
		for v := range seen {
			if !slices.Contains(want, v) {
				t.Fatalf("%s: drew %v, outside its alphabet %v..%v", tk.Name, v, r[0], r[1])
			}
		}
		if len(seen) != len(want) {
			t.Errorf("%s: %d distinct values drawn, alphabet has %d", tk.Name, len(seen), len(want))
		}
	}
}

// bound is, for every task, a bound on |y| that holds at any length: the references stay
// finite and small at 10x the training length (no value grows with the length faster than a
// sum of digits would).
func bound(name string, n int) float64 {
	switch name {
	case "count_above5":
		return float64(n)
	case "half_floor", "min_max_seen", "prev2_prev1":
		return 99
	case "prod_prev":
		return 25
	case "a_plus_2b_prev", "sum_diff", "a_minus_b_plus_c_lag2":
		return 27
	}
	return 9 // digits and their statistics, signs, residues, indicators, reals in [-1, 1]
}

func TestReferencesAtTenTimesTheLength(t *testing.T) {
	for _, tk := range Tasks() {
		n := 10 * tk.Length
		rng := task.RNG(3, task.StreamVerify, 0)
		for i := 0; i < 50; i++ {
			xs := tk.Generate(rng, n)
			if len(xs) != n {
				t.Fatalf("%s: %d positions, want %d", tk.Name, len(xs), n)
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
					switch {
					case math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > bound(tk.Name, n):
						t.Fatalf("%s: output %v at length %d", tk.Name, v, n)
					case tk.Integer && v != math.Trunc(v):
						t.Fatalf("%s: non-integer target %v", tk.Name, v)
					case v == 0 && math.Signbit(v):
						t.Fatalf("%s: negative zero among the outputs", tk.Name)
					}
				}
			}
		}
	}
}

// Every integer task declares a finite alphabet, so certification can enumerate its sequences
// at least at length 1.
func TestEnumerableAtShortLengths(t *testing.T) {
	for _, tk := range Tasks() {
		if tk.Alphabet == nil {
			continue
		}
		if _, ok := tk.Enumerable(1); !ok {
			t.Errorf("%s: not enumerable at length 1", tk.Name)
		}
	}
}
