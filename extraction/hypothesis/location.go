package hypothesis

import (
	"fmt"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Location hypotheses depend only on positions: self, previous-k, first, prefix mean and sum.

// Self is "x[t]", the position itself: Previous(0).
func Self() Hypothesis { return Previous(0) }

// Previous is "x[t-k]" (program.Pointer{Kind: Previous, Offset: k}): row t is one-hot at t-k,
// and a zero row when t < k (before the start the read is 0). k = 0 is Self. It panics if
// k < 0.
func Previous(k int) Hypothesis {
	if k < 0 {
		panic(fmt.Sprintf("hypothesis.Previous: negative offset %d", k))
	}
	return previous{k}
}

type previous struct{ k int }

func (h previous) Pointer() program.Pointer {
	return program.Pointer{Kind: program.Previous, Offset: h.k}
}

func (h previous) Describe() string {
	if h.k == 0 {
		return "x[t]"
	}
	return fmt.Sprintf("x[t-%d]", h.k)
}

func (h previous) Row(_ *Observation, _, t int, row []float64) {
	if t >= h.k {
		row[t-h.k] = 1
	}
}

func (h previous) targets(_ *Observation, _ int, dst []int) {
	for t := range dst {
		dst[t] = t - h.k
		if t < h.k {
			dst[t] = -1
		}
	}
}

// First is "x[0]" (program.Pointer{Kind: First}): every row is one-hot at 0.
func First() Hypothesis { return first{} }

type first struct{}

func (first) Pointer() program.Pointer                    { return program.Pointer{Kind: program.First} }
func (first) Describe() string                            { return "x[0]" }
func (first) Row(_ *Observation, _, _ int, row []float64) { row[0] = 1 }
func (first) targets(_ *Observation, _ int, dst []int)    { clear(dst) }

// PrefixMean is "mean x[0..t]" (program.Pointer{Kind: PrefixMean}): row t is 1/(t+1) on
// j = 0..t.
func PrefixMean() Hypothesis { return prefix{mean: true} }

// PrefixSum is "sum x[0..t]" (program.Pointer{Kind: PrefixSum}): row t is 1 on j = 0..t.
func PrefixSum() Hypothesis { return prefix{mean: false} }

type prefix struct{ mean bool }

func (h prefix) Pointer() program.Pointer {
	if h.mean {
		return program.Pointer{Kind: program.PrefixMean}
	}
	return program.Pointer{Kind: program.PrefixSum}
}

func (h prefix) Describe() string {
	if h.mean {
		return "mean x[0..t]"
	}
	return "sum x[0..t]"
}

func (h prefix) Row(_ *Observation, _, t int, row []float64) {
	w := 1.0
	if h.mean {
		w = 1 / float64(t+1)
	}
	for j := 0; j <= t; j++ {
		row[j] = w
	}
}
