package hypothesis

import (
	"fmt"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Hypothesis is one candidate attention pattern.
type Hypothesis interface {
	// Pointer is the program pointer the hypothesis stands for. A custom hypothesis with no IR
	// pointer returns the zero Pointer (Kind "").
	Pointer() program.Pointer
	// Describe is a short human-readable form, reading a value x: "x[t-1]",
	// "x[argmax a[0..t]]".
	Describe() string
	// Row writes the row the hypothesis expects at position t of sequence n of o: the weights
	// over positions j. row has length len(o.Maps[n]) and is all zeros on entry. Row is called
	// concurrently for different hypotheses, so it must not modify shared state.
	Row(o *Observation, n, t int, row []float64)
}

// pointerHypothesis is a built-in pointer: every row is one-hot, or zero where it points
// nowhere. targets writes, for every position t of sequence n, the position row t points at, or
// -1 for a zero row; it must agree with Row.
type pointerHypothesis interface {
	Hypothesis
	targets(o *Observation, n int, dst []int)
}

// keyed is a hypothesis that reads a key slot.
type keyed interface {
	keySlot() int
}

// Observation is a head's hard attention maps on held-out sequences, with the residual-stream
// values its content hypotheses use as keys.
type Observation struct {
	// Maps is [N][T][T]: Maps[n][t][j] is the weight position t of sequence n gives position j.
	// Sequences may differ in length T, but every row of sequence n has length len(Maps[n]).
	Maps [][][]float64
	// Slots is [N][T][S]: Slots[n][t][s] is slot s at position t of sequence n. It may be nil
	// when no key slot is tested (S = 0).
	Slots [][][]float64
	// SlotNames names the S slots; key hypotheses produce program.Pointer{Key: SlotNames[s]}.
	SlotNames []string
}

// read returns what a map row reads from slot s of sequence n: sum_j row[j]·slot s at j.
func (o *Observation) read(n, s int, row []float64) float64 {
	var v float64
	for j, w := range row {
		if w != 0 {
			v += w * o.Slots[n][j][s]
		}
	}
	return v
}

// Key returns slot s at position t of sequence n.
func (o *Observation) Key(n, t, s int) float64 { return o.Slots[n][t][s] }

// SlotIndex returns the index of the slot with the given name, or -1.
func (o *Observation) SlotIndex(name string) int {
	for i, s := range o.SlotNames {
		if s == name {
			return i
		}
	}
	return -1
}

// validate checks the shapes and returns the largest sequence length.
func (o *Observation) validate() (maxT int, err error) {
	if o == nil {
		return 0, fmt.Errorf("hypothesis: nil observation")
	}
	S := len(o.SlotNames)
	if o.Slots != nil && len(o.Slots) != len(o.Maps) {
		return 0, fmt.Errorf("hypothesis: %d sequences of slots for %d of maps", len(o.Slots), len(o.Maps))
	}
	if o.Slots == nil && S > 0 && len(o.Maps) > 0 {
		return 0, fmt.Errorf("hypothesis: %d slot names but no slots", S)
	}
	for n, m := range o.Maps {
		T := len(m)
		maxT = max(maxT, T)
		for t, row := range m {
			if len(row) != T {
				return 0, fmt.Errorf("hypothesis: sequence %d: map row %d has length %d, want %d", n, t, len(row), T)
			}
		}
		if o.Slots == nil {
			continue
		}
		if len(o.Slots[n]) != T {
			return 0, fmt.Errorf("hypothesis: sequence %d: %d positions of slots for %d of the map", n, len(o.Slots[n]), T)
		}
		for t, v := range o.Slots[n] {
			if len(v) != S {
				return 0, fmt.Errorf("hypothesis: sequence %d position %d: %d slots, want %d (len(SlotNames))", n, t, len(v), S)
			}
		}
	}
	return maxT, nil
}
