package hypothesis

import (
	"fmt"
	"math"
	"slices"
)

// Heads that feed one computation may share its work out differently from row to row: two
// learned heads that read x[t-1] and x[t-2] everywhere else can swap roles at t = 1, one reading
// nothing where x[t-1] reads x[0] and the other reading x[0] where x[t-2] reads nothing. Each
// head alone then disagrees with its pointer on that position, and a sum of the two is still
// exactly the sum of the pointers. Joint tests such heads together, by the values they read: a
// row agrees when the multiset of the values the heads read equals the multiset of the values
// their hypotheses read. Accepting the hypotheses jointly is only sound for a computation that is
// symmetric in the heads where they swap; the caller must verify the program against the model
// (extraction does), which fails where it is not.

// JointHead is one head of a joint test: its observed maps (with the slots), the slot its
// values are read from, and the hypothesis it is tested against.
type JointHead struct {
	Obs        *Observation
	ValueSlot  int
	Hypothesis Hypothesis
}

// JointResult is the outcome of a joint test.
type JointResult struct {
	// Rows is the number of rows tested (every row of every sequence), Agree how many agree,
	// Fraction = Agree/Rows, LowerBound the one-sided lower confidence bound on the agreement
	// rate, Accepted whether it reaches the threshold.
	Rows, Agree int
	Fraction    float64
	LowerBound  float64
	Accepted    bool
	// Threshold and Confidence are the values used (defaults filled in).
	Threshold, Confidence float64
}

// Joint tests heads jointly against their hypotheses by the multisets of values they read (see
// above), with opts' Tolerance, Confidence and Threshold. Every head must observe the same
// sequences (the same lengths).
func Joint(heads []JointHead, opts Options) (*JointResult, error) {
	o, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	if len(heads) < 2 {
		return nil, fmt.Errorf("hypothesis: a joint test needs two heads or more, got %d", len(heads))
	}
	first := heads[0].Obs
	for i, h := range heads {
		if h.Obs == nil || h.Hypothesis == nil {
			return nil, fmt.Errorf("hypothesis: joint head %d has no observation or no hypothesis", i)
		}
		if h.ValueSlot < 0 || h.ValueSlot >= len(h.Obs.SlotNames) {
			return nil, fmt.Errorf("hypothesis: joint head %d reads slot %d of %d", i, h.ValueSlot, len(h.Obs.SlotNames))
		}
		if len(h.Obs.Maps) != len(first.Maps) || len(h.Obs.Slots) != len(first.Maps) {
			return nil, fmt.Errorf("hypothesis: joint head %d observes %d sequences (%d with slots), head 0 %d", i, len(h.Obs.Maps), len(h.Obs.Slots), len(first.Maps))
		}
	}
	res := &JointResult{Threshold: o.Threshold, Confidence: o.Confidence}
	got, want := make([]float64, len(heads)), make([]float64, len(heads))
	for n := range first.Maps {
		T := len(first.Maps[n])
		row := make([]float64, T)
		for t := range T {
			for i, h := range heads {
				if len(h.Obs.Maps[n]) != T {
					return nil, fmt.Errorf("hypothesis: joint head %d's sequence %d has length %d, head 0's %d", i, n, len(h.Obs.Maps[n]), T)
				}
				clear(row)
				h.Hypothesis.Row(h.Obs, n, t, row)
				got[i], want[i] = h.Obs.read(n, h.ValueSlot, h.Obs.Maps[n][t]), h.Obs.read(n, h.ValueSlot, row)
			}
			if sameMultiset(got, want, o.Tolerance) {
				res.Agree++
			}
			res.Rows++
		}
	}
	if res.Rows > 0 {
		res.Fraction = float64(res.Agree) / float64(res.Rows)
	}
	res.LowerBound = LowerBound(res.Agree, res.Rows, o.Confidence)
	res.Accepted = res.LowerBound >= o.Threshold
	return res, nil
}

// sameMultiset reports whether a and b hold the same values, each as often, within tol (both
// are sorted in place; NaN never matches).
func sameMultiset(a, b []float64, tol float64) bool {
	slices.Sort(a)
	slices.Sort(b)
	for i := range a {
		if !(math.Abs(a[i]-b[i]) <= tol) {
			return false
		}
	}
	return true
}
