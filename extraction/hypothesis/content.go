package hypothesis

import (
	"fmt"

	"github.com/discretetransformer/w2c/extraction/program"
)

// Content hypotheses depend on a key slot of the residual stream: argmax, argmin and last equal.
// Their rows follow the program package doc to the letter, NaN keys included.

// ArgMax is "x[argmax a[0..t]]" for key slot index slot named name
// (program.Pointer{Kind: ArgMax, Key: name}): row t is one-hot at the latest j <= t whose key
// is the largest of the keys at 0..t (j starts at 0 and moves to every later s <= t with
// key[s] >= key[j]). It panics if slot < 0.
func ArgMax(slot int, name string) Hypothesis { return newExtreme(slot, name, false) }

// ArgMin is "x[argmin a[0..t]]": ArgMax with the smallest key (key[s] <= key[j]).
func ArgMin(slot int, name string) Hypothesis { return newExtreme(slot, name, true) }

func newExtreme(slot int, name string, isMin bool) Hypothesis {
	if slot < 0 {
		panic(fmt.Sprintf("hypothesis: negative key slot %d", slot))
	}
	return extreme{slot: slot, name: name, min: isMin}
}

type extreme struct {
	slot int
	name string
	min  bool
}

func (h extreme) keySlot() int { return h.slot }

func (h extreme) Pointer() program.Pointer {
	if h.min {
		return program.Pointer{Kind: program.ArgMin, Key: h.name}
	}
	return program.Pointer{Kind: program.ArgMax, Key: h.name}
}

func (h extreme) Describe() string {
	op := "argmax"
	if h.min {
		op = "argmin"
	}
	return fmt.Sprintf("x[%s %s[0..t]]", op, h.name)
}

// moves reports whether the pointer moves from a position with key cur to a later one with
// key k.
func (h extreme) moves(k, cur float64) bool {
	if h.min {
		return k <= cur
	}
	return k >= cur
}

func (h extreme) Row(o *Observation, n, t int, row []float64) {
	keys := o.Slots[n]
	j := 0
	for s := 1; s <= t; s++ {
		if h.moves(keys[s][h.slot], keys[j][h.slot]) {
			j = s
		}
	}
	row[j] = 1
}

func (h extreme) targets(o *Observation, n int, dst []int) {
	keys := o.Slots[n]
	j := 0
	for t := range dst {
		if t > 0 && h.moves(keys[t][h.slot], keys[j][h.slot]) {
			j = t
		}
		dst[t] = j
	}
}

// LastEqual is "x[last j<t: a[j]==a[t]]" for key slot index slot named name
// (program.Pointer{Kind: LastEqual, Key: name}): row t is one-hot at the latest j < t with
// key[j] == key[t], and a zero row when there is none (NaN equals nothing). It panics if
// slot < 0.
func LastEqual(slot int, name string) Hypothesis {
	if slot < 0 {
		panic(fmt.Sprintf("hypothesis.LastEqual: negative key slot %d", slot))
	}
	return lastEqual{slot: slot, name: name}
}

type lastEqual struct {
	slot int
	name string
}

func (h lastEqual) keySlot() int { return h.slot }

func (h lastEqual) Pointer() program.Pointer {
	return program.Pointer{Kind: program.LastEqual, Key: h.name}
}

func (h lastEqual) Describe() string {
	return fmt.Sprintf("x[last j<t: %s[j]==%s[t]]", h.name, h.name)
}

func (h lastEqual) find(keys [][]float64, t int) int {
	k := keys[t][h.slot]
	for j := t - 1; j >= 0; j-- {
		if keys[j][h.slot] == k {
			return j
		}
	}
	return -1
}

func (h lastEqual) Row(o *Observation, n, t int, row []float64) {
	if j := h.find(o.Slots[n], t); j >= 0 {
		row[j] = 1
	}
}

func (h lastEqual) targets(o *Observation, n int, dst []int) {
	keys := o.Slots[n]
	for t := range dst {
		dst[t] = h.find(keys, t)
	}
}
