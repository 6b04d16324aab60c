package algorithmic

import (
	"regexp"
	"testing"
)

func TestTasksAreTheMIPSTable(t *testing.T) {
	ts := Tasks()
	if len(ts) != 62 {
		t.Fatalf("%d tasks, want 62", len(ts))
	}
	count := map[[2]string]int{}
	for i, tk := range ts {
		if tk.Index != i+1 {
			t.Errorf("%s: Index %d at position %d", tk.Name, tk.Index, i+1)
		}
		for _, s := range []string{tk.MIPS, tk.GPT4} {
			if s != "✓" && s != "✗" {
				t.Errorf("%s: outcome %q, want ✓ or ✗", tk.Name, s)
			}
		}
		count[[2]string{tk.MIPS, tk.GPT4}]++
	}
	// The published totals: MIPS solves 32, GPT-4 30; 13 only by MIPS, 11 only by GPT-4.
	mips := count[[2]string{"✓", "✓"}] + count[[2]string{"✓", "✗"}]
	gpt4 := count[[2]string{"✓", "✓"}] + count[[2]string{"✗", "✓"}]
	if mips != 32 || gpt4 != 30 || count[[2]string{"✓", "✗"}] != 13 || count[[2]string{"✗", "✓"}] != 11 {
		t.Errorf("MIPS %d, GPT-4 %d, MIPS only %d, GPT-4 only %d; want 32, 30, 13, 11",
			mips, gpt4, count[[2]string{"✓", "✗"}], count[[2]string{"✗", "✓"}])
	}
	// Spot checks of the order against the table.
	for i, name := range map[int]string{1: "binary_addition", 11: "parity_last2", 30: "previous_equals_current",
		42: "bit_palindrome", 49: "div_3", 58: "dithering", 62: "newton_magnetic"} {
		if ts[i-1].Name != name {
			t.Errorf("task %d is %s, want %s", i, ts[i-1].Name, name)
		}
	}
}

func TestTasksAreWellFormed(t *testing.T) {
	name := regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	identifier := regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	seen := map[string]bool{}
	for _, tk := range Tasks() {
		if err := tk.Validate(); err != nil {
			t.Error(err)
		}
		if !name.MatchString(tk.Name) {
			t.Errorf("%q is not a lower-case name", tk.Name)
		}
		if len(tk.Aliases) != 1 || tk.Group != Group || tk.Description == "" || !tk.Integer || tk.Warmup != 0 {
			t.Errorf("%s: aliases %v, group %q, description %q, integer %v, warmup %d",
				tk.Name, tk.Aliases, tk.Group, tk.Description, tk.Integer, tk.Warmup)
		}
		for _, n := range append([]string{tk.Name}, tk.Aliases...) {
			if seen[n] {
				t.Errorf("%s: name %q used twice", tk.Name, n)
			}
			seen[n] = true
		}
		for _, n := range append(append([]string{}, tk.InputNames...), tk.OutputNames...) {
			if !identifier.MatchString(n) {
				t.Errorf("%s: channel name %q is not an identifier", tk.Name, n)
			}
		}
		want := 10
		switch tk.Name {
		case "sum_last5", "sum_last6", "sum_last7", "prev5":
			want = 20
		}
		if tk.Length != want {
			t.Errorf("%s: length %d, want %d", tk.Name, tk.Length, want)
		}
	}
}

func TestChannels(t *testing.T) {
	two := map[string]bool{"binary_addition": true, "base_3_addition": true, "base_4_addition": true,
		"base_5_addition": true, "base_6_addition": true, "base_7_addition": true, "bitwise_xor": true,
		"bitwise_or": true, "bitwise_and": true, "bit_dot_prod_mod2": true, "newton_magnetic": true}
	for _, tk := range Tasks() {
		in, out := 1, 1
		if two[tk.Name] {
			in = 2
		}
		if tk.Name == "newton_magnetic" {
			out = 2
		}
		if tk.NumInputs() != in || tk.NumOutputs() != out {
			t.Errorf("%s: %d inputs and %d outputs, want %d and %d", tk.Name, tk.NumInputs(), tk.NumOutputs(), in, out)
		}
	}
}
