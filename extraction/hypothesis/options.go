package hypothesis

import (
	"fmt"
	"runtime"
	"slices"
)

// Defaults of Options.
const (
	DefaultMaxOffset          = 8
	DefaultTolerance          = 1e-4
	DefaultConfidence         = 0.99
	DefaultThreshold          = 0.99
	DefaultMaxCounterExamples = 5
)

// Options configure Test. The zero value is usable: every zero field takes the default named in
// its comment.
type Options struct {
	// Hypotheses, when non-nil, replaces the standard library (MaxOffset and KeySlots are then
	// unused). Its order is the simplicity order that breaks ties: earlier is simpler.
	Hypotheses []Hypothesis
	// Extra hypotheses are appended after the library (or after Hypotheses): least simple.
	Extra []Hypothesis

	// MaxOffset is the largest k of the previous-k hypotheses. 0 means DefaultMaxOffset (8); a
	// negative value means none (self is always in the library).
	MaxOffset int
	// KeySlots are the slot indices tried as keys of argmax, argmin and last equal. nil means
	// every slot; an empty non-nil slice means none. They are tested in increasing order
	// (duplicates dropped).
	KeySlots []int

	// Tolerance is the largest absolute difference, per entry, between an observed row and a
	// hypothesis's row that still agrees. 0 means DefaultTolerance (1e-4); negative is an error.
	Tolerance float64
	// Confidence is the confidence level of the one-sided lower bound on the agreement rate, in
	// [0.5, 1). 0 means DefaultConfidence (0.99).
	Confidence float64
	// Threshold is the smallest lower bound that accepts a hypothesis, in (0, 1]. 0 means
	// DefaultThreshold (0.99).
	Threshold float64

	// ByValue makes a row agree with a hypothesis's row also when it reads the same value from
	// slot ValueSlot (within Tolerance), though it may point elsewhere: for a head whose map is
	// learnt (dt's learned scores), two positions holding equal values are the same read (the
	// largest key so far, taken at an earlier one of two equal maxima), and the program reads
	// what the head reads. Off, rows must agree position by position.
	ByValue   bool
	ValueSlot int

	// MaxCounterExamples is how many disagreeing rows are kept per candidate (the first ones, in
	// sequence then position order). 0 means DefaultMaxCounterExamples (5); negative means none.
	MaxCounterExamples int
	// Workers is the number of goroutines testing hypotheses. 0 means runtime.GOMAXPROCS(0).
	// The result does not depend on it.
	Workers int
}

// resolved is Options with the defaults filled in.
type resolved struct {
	Options
	maxCE int
}

func (o Options) resolve() (resolved, error) {
	r := resolved{Options: o}
	if r.MaxOffset == 0 {
		r.MaxOffset = DefaultMaxOffset
	}
	switch {
	case r.Tolerance < 0:
		return r, fmt.Errorf("hypothesis: negative tolerance %g", r.Tolerance)
	case r.Tolerance == 0:
		r.Tolerance = DefaultTolerance
	}
	if r.Confidence == 0 {
		r.Confidence = DefaultConfidence
	}
	if !(r.Confidence >= 0.5 && r.Confidence < 1) {
		return r, fmt.Errorf("hypothesis: confidence %g not in [0.5, 1)", r.Confidence)
	}
	if r.Threshold == 0 {
		r.Threshold = DefaultThreshold
	}
	if !(r.Threshold > 0 && r.Threshold <= 1) {
		return r, fmt.Errorf("hypothesis: threshold %g not in (0, 1]", r.Threshold)
	}
	switch {
	case r.MaxCounterExamples == 0:
		r.maxCE = DefaultMaxCounterExamples
	case r.MaxCounterExamples > 0:
		r.maxCE = r.MaxCounterExamples
	}
	if r.Workers <= 0 {
		r.Workers = runtime.GOMAXPROCS(0)
	}
	return r, nil
}

// Library returns the standard hypotheses for slots named slotNames, in simplicity order: self,
// previous-k for k = 1..MaxOffset, first, prefix mean, prefix sum, then argmax, argmin and last
// equal for each key slot in opts.KeySlots (default: all), slots by index within each family.
// Only opts.MaxOffset and opts.KeySlots are read. It errors on a key slot out of range.
func Library(slotNames []string, opts Options) ([]Hypothesis, error) {
	maxOffset := opts.MaxOffset
	if maxOffset == 0 {
		maxOffset = DefaultMaxOffset
	}
	var slots []int
	if opts.KeySlots == nil {
		for s := range slotNames {
			slots = append(slots, s)
		}
	} else {
		slots = slices.Clone(opts.KeySlots)
		slices.Sort(slots)
		slots = slices.Compact(slots)
		for _, s := range slots {
			if s < 0 || s >= len(slotNames) {
				return nil, fmt.Errorf("hypothesis: key slot %d out of range (%d slots)", s, len(slotNames))
			}
		}
	}
	hs := []Hypothesis{Self()}
	for k := 1; k <= maxOffset; k++ {
		hs = append(hs, Previous(k))
	}
	hs = append(hs, First(), PrefixMean(), PrefixSum())
	for _, s := range slots {
		hs = append(hs, ArgMax(s, slotNames[s]))
	}
	for _, s := range slots {
		hs = append(hs, ArgMin(s, slotNames[s]))
	}
	for _, s := range slots {
		hs = append(hs, LastEqual(s, slotNames[s]))
	}
	return hs, nil
}
