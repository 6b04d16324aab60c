package dt

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// ParamGiveUpFloor is the early give-up of attempts whose heads cannot work.
var ParamGiveUpFloor = declare("give_up_floor", 0.0, "Stop before the give-up check when the heads, unchanged for 100 steps, leave more than this fraction of the targets' variance unexplained whatever the sub-MLPs learn (the information floor, floor.go; 0: never).", atLeast(0.0))

// floorSteadySteps is how long the floor must stay above the bar with the same heads.
const floorSteadySteps = 100

// The information floor.
//
// In the hard model the output at position t is computed by sub-MLPs and a readout from slots
// at t: the inputs, the position and what the heads read. Whatever the sub-MLPs learn and
// whichever of these slots they and the readout choose, the output at t is a function of the
// tuple of those slots' values at t. Two positions with the same tuple get the same prediction,
// and the best prediction for a group of positions is the mean of their targets, so no training
// of the sub-MLPs brings the loss below the targets' variance within the groups: the floor.
// Only the heads' choices (family, offset, value and key slots) can move it.
//
// The give-up check (give_up, at step 800 by default) stops an attempt whose hard loss is above
// give_up of the targets' variance then. An attempt whose floor is above that bar, with heads
// that no longer change, will fail the check: its heads are the wrong ones (or it has none, and
// the targets need more than x[t] and t), and no later step of training but a change of heads
// rescues it. So when the floor stays above give_up_floor (the searches set it to give_up's bar)
// for 100 steps with the same heads (two records 100 steps apart, in the suites), the attempt
// stops there instead of training on to the check; a model without heads stops at its first
// record, since nothing can move its floor. The rule does not depend on how fast the sub-MLPs
// learn, so it also holds in rungs that turn the check off because their loss falls late
// (give_up=0: a10_ar_2d). It runs until the check's step.
//
// The floor is computed on the records' batch, the one the check's hard loss is measured on, and
// is a bound on that loss, not an estimate: TestInformationFloorBoundsHardLoss checks it along a
// training. It is 0 (no bound) when the tuples are all distinct (real-valued data), and it is
// not computed when a head's read depends on continuous weights (learned scores, a value or key
// written by a sub-MLP, recurrent layers) or the loss is not the squared error.

// floorSlots returns the slots whose values at t the hard model's outputs at t may depend on,
// whatever its sub-MLPs and readout choose and learn: the inputs, the position, and the reads of
// heads whose values (and keys) are such slots. Signature names the heads' choices. ok is false
// when a head's read depends on continuous weights (see above): then there is no floor.
func (st *Structure) floorSlots(m *Model) (slots []int, signature string, ok bool) {
	if ParamRecurrent.Get(m.Ctx) || ParamLoss.Get(m.Ctx) != "mse" {
		return nil, "", false
	}
	fixed := map[int]bool{}
	for s := range m.FirstModuleSlot() {
		fixed[s] = true
		// The constant slot adds nothing; an output read back is read at t by no sub-MLP nor
		// the readout (only by heads, at earlier positions, and those reads are in the tuple).
		if _, feedback := m.IsFeedback(s); !feedback && s != len(m.Inputs)+1 {
			slots = append(slots, s)
		}
	}
	name := func(s int) string { return st.SlotNames[s] }
	var sig strings.Builder
	for _, h := range st.Heads {
		content := h.Family == FamilyArgMax || h.Family == FamilyArgMin || h.Family == FamilyEqual
		if h.Family == FamilyLearned || !fixed[h.Value] || content && !fixed[h.Key] {
			return nil, "", false
		}
		fixed[h.Slot] = true
		slots = append(slots, h.Slot)
		fmt.Fprintf(&sig, "%s = %s; ", name(h.Slot), h.describe(name))
	}
	return slots, sig.String(), true
}

// informationFloor is the least loss any function of the given slots reaches on a batch: the
// targets' sum of squares about their mean within each group of positions with equal values in
// every slot, averaged as the loss is (positions t >= warmup, every channel). stream is
// [B, T, S] and y [B, T, K], flattened. It sorts the positions by their tuples (bit patterns:
// a split of equal values, as -0 and 0, only lowers the bound) and takes the groups as runs.
func informationFloor(stream []float32, S int, y []float32, K, T, warmup int, slots []int) float64 {
	if warmup > 0 {
		warmup = min(warmup, T-1) // as maskedMean
	}
	positions := len(y) / K
	order := make([]int, 0, positions)
	for p := range positions {
		if p%T >= warmup {
			order = append(order, p)
		}
	}
	compare := func(p, q int) int {
		for _, s := range slots {
			if c := cmp.Compare(math.Float32bits(stream[p*S+s]), math.Float32bits(stream[q*S+s])); c != 0 {
				return c
			}
		}
		return 0
	}
	slices.SortFunc(order, compare)
	var within float64
	for start, end := 0, 0; start < len(order); start = end {
		for end = start + 1; end < len(order) && compare(order[start], order[end]) == 0; end++ {
		}
		group := order[start:end]
		for k := range K {
			var mean float64
			for _, p := range group {
				mean += float64(y[p*K+k])
			}
			mean /= float64(len(group))
			for _, p := range group {
				d := float64(y[p*K+k]) - mean
				within += d * d
			}
		}
	}
	return within / float64(max(len(order)*K, 1))
}

// floorWatch follows the floor along the records of a training and says when to give up.
type floorWatch struct {
	bar       float64 // give_up_floor
	signature string  // of the heads since since
	since     int     // the first step of the records in a row with these heads and the floor above the bar (0: none)
}

// update takes a record's step, floor (nil: none) and heads, and reports whether the attempt
// cannot pass the give-up check unless its heads change: the floor above the bar with the same
// heads for floorSteadySteps, or at all for a model without heads.
func (w *floorWatch) update(step int, floor *float64, signature string, heads int) bool {
	if w.bar <= 0 || floor == nil || *floor <= w.bar {
		w.since = 0
		return false
	}
	if w.since == 0 || signature != w.signature {
		w.since, w.signature = step, signature
	}
	return step-w.since >= floorSteadySteps || heads == 0
}

// floorReads names what the floor rests on, for the give-up message.
func floorReads(heads string) string {
	if heads == "" {
		return "the inputs and the position alone (no heads)"
	}
	return "the heads [" + strings.TrimSuffix(heads, "; ") + "]"
}
