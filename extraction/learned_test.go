package extraction

import (
	"slices"
	"strings"
	"testing"

	"github.com/discretetransformer/w2c/dt"
)

// TestLearnedHeadEndToEnd: a learned-score head (dt/learned.go) learns where prev2 looks, and
// extraction finds what it learnt by hypothesis testing, by the values the head reads: the
// program reads x[t-2] and is verified.
func TestLearnedHeadEndToEnd(t *testing.T) {
	r := trained(t, "prev2", "families=learned;heads=1;mlps=1;give_up=0;steps=600")
	st, err := r.Structure()
	if err != nil {
		t.Fatal(err)
	}
	if st.Heads[0].Family != dt.FamilyLearned {
		t.Fatalf("head family %s, want learned", st.Heads[0].Family)
	}
	res, err := Extract(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("not verified: %s", res.Failure)
	}
	h := res.Heads[0]
	if !h.Accepted || !h.ByValue || h.Hypothesis != "x[t-2]" {
		t.Errorf("head %s: %q accepted %v by value %v, want x[t-2] accepted by value", h.Module, h.Hypothesis, h.Accepted, h.ByValue)
	}
}

// An unexplained head blocks extraction when the program reads it, and names the statement
// that does. (Threshold 1 rejects every hypothesis: no finite sample has a lower bound of 1.)
func TestUnexplainedHeadReadBlocks(t *testing.T) {
	r := trained(t, "prev2", "families=learned;heads=1;mlps=1;give_up=0;steps=600")
	res, err := Extract(r, Options{Threshold: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verified || res.Program != nil {
		t.Fatalf("extracted %q through a rejected head", res.Code)
	}
	for _, want := range []string{"attention head L0.att0 is unexplained", "its value is read by L0.mlp0"} {
		if !strings.Contains(res.Failure, want) {
			t.Errorf("failure %q lacks %q", res.Failure, want)
		}
	}
	if h := res.Heads[0]; h.Accepted || h.Unused || h.MeanMap == nil {
		t.Errorf("head report %+v: want rejected, read, with its mean map", h)
	}
}

// An unexplained head that a sub-MLP reads but does not depend on is dead code: bitwise_and's
// sub-MLP of arity 3 reads a, b and the head, and its formula uses a and b only.
func TestUnexplainedHeadUnusedIsDropped(t *testing.T) {
	r := trained(t, "bitwise_and", "families=learned;heads=1;mlps=1;arity=3;give_up=0;steps=600")
	st, err := r.Structure()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(st.Describe(), "; "); !strings.Contains(got, "L0.mlp0 = mlp(a, L0.att0, b)") {
		t.Fatalf("the sub-MLP does not read the head (%s): the test needs a model that does", got)
	}
	res, err := Extract(r, Options{Threshold: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("not verified: %s\n%s", res.Failure, res.Code)
	}
	h := res.Heads[0]
	if h.Accepted || !h.Unused {
		t.Errorf("head report %+v: want rejected and unused", h)
	}
	if !slices.Contains(res.Dropped, h.Module) || strings.Contains(res.Code, "att0") {
		t.Errorf("the head is not dropped (dropped %v):\n%s", res.Dropped, res.Code)
	}
}

// Heads that swap roles at the first positions are explained together: sum_last3's three learned
// heads (seed 1) read x[t-1] and x[t-2] everywhere but at t = 1, where the one reads nothing and
// the other x[0]. Each alone agrees on 90% of rows; jointly they pass, and the program verifies.
func TestJointlyExplainedHeads(t *testing.T) {
	r := trained(t, "sum_last3", "families=learned;heads=3;arity=3;give_up=0")
	res, err := Extract(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("not verified: %s\n%s", res.Failure, res.Code)
	}
	joint := 0
	for _, h := range res.Heads {
		if h.Joint != "" {
			joint++
			if !h.Accepted || h.Agreement > 0.95 {
				t.Errorf("head %s: accepted %v, agreement alone %.3f; want accepted jointly, below 95%% alone", h.Module, h.Accepted, h.Agreement)
			}
		}
	}
	if joint != 2 {
		t.Errorf("%d heads explained jointly, want 2: %+v", joint, res.Heads)
	}
	if !strings.Contains(res.Code, "x[t-1]") || !strings.Contains(res.Code, "x[t-2]") {
		t.Errorf("program does not read x[t-1] and x[t-2]:\n%s", res.Code)
	}
}

// readsAs names the value a hypothesis reads after the head's value slot; keys keep theirs.
func TestReadsAs(t *testing.T) {
	for _, c := range []struct{ desc, value, want string }{
		{"x[t-1]", "h1", "h1[t-1]"},
		{"mean x[0..t]", "F", "mean F[0..t]"},
		{"x[argmax x[0..t]]", "y", "y[argmax x[0..t]]"},
		{"x[last j<t: mlp0_0[j]==mlp0_0[t]]", "h1", "h1[last j<t: mlp0_0[j]==mlp0_0[t]]"},
		{"x[t-2]", "x", "x[t-2]"},
	} {
		if got := readsAs(c.desc, c.value); got != c.want {
			t.Errorf("readsAs(%q, %q) = %q, want %q", c.desc, c.value, got, c.want)
		}
	}
}

// TestLearnedAutoregressiveEndToEnd: the learned heads of an autoregressive model (the learned
// ladder's l5_ar shape) learn where newton_spring's recursion p[t] = p[t-1] - p[t-2] + F[t]
// looks, hypothesis tests identify the model's own output at t-1 and t-2, and the program is
// verified.
func TestLearnedAutoregressiveEndToEnd(t *testing.T) {
	r := trained(t, "newton_spring", "autoregressive=true;families=learned;heads=3;mlps=1;arity=4;max_offset=2;give_up=0")
	res, err := Extract(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Verified {
		t.Fatalf("not verified: %s\n%s", res.Failure, res.Code)
	}
	var read []string
	for _, h := range res.Heads {
		if h.Accepted && !h.Unused {
			read = append(read, h.Hypothesis)
		}
	}
	for _, want := range []string{"mlp0_0[t-1]", "mlp0_0[t-2]"} {
		if !slices.Contains(read, want) {
			t.Errorf("no accepted head reads %s (accepted: %v)", want, read)
		}
	}
	for _, want := range []string{"h1[t-1]", "h1[t-2]"} {
		if !strings.Contains(res.Code, want) {
			t.Errorf("program does not read %s:\n%s", want, res.Code)
		}
	}
}
