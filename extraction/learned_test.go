package extraction

import (
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
