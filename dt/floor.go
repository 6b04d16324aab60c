package dt

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/gonum/floats"
)

// ParamGiveUpFloor is the early give-up of attempts whose heads cannot work.
var ParamGiveUpFloor = declare("give_up_floor", 0.0, "Stop before the give-up check when the heads, settled and unchanged for 100 steps, leave more than this fraction of the targets' variance unexplained whatever the sub-MLPs learn (the information floor, floor.go; 0: never).", atLeast(0.0))

// ParamGiveUpInexact is the give-up of an integer task's attempts that cannot become exact.
var ParamGiveUpInexact = declare("give_up_inexact", false, "On an integer task, stop at any step when the heads, settled and unchanged for 100 steps, make an exact model impossible: the information floor (floor.go) is above 0.")

// inexactBar is the floor above which an integer task's targets are not a function of the
// floor's slots. A group of positions with one integer target adds exactly 0 (the mean of equal
// integers is exact in floating point), and a group with two targets at least 1/2 of a squared
// unit, so the floor is exactly 0 or at least 1/(2 x positions x variance): above 1e-17 for the
// 5,120 positions of a records' batch and targets below 10^6, so the bar only has to be
// positive.
const inexactBar = 1e-30

// floorSteadySteps is how long the floor must stay above the bar with the same heads.
const floorSteadySteps = 100

// settledWeight is the least weight the soft model must give each head's hard read for the
// floor to count: the read the floor judges outweighs all the others together (see below).
const settledWeight = 0.5

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
// In one layer the bound is sharper: the readout copies one slot per output channel, a sub-MLP's
// output (or, with readout=any, any slot), and a sub-MLP reads `arity` slots, so each channel is
// a function of at most arity of the slots above, whichever the annealing picks. The least
// floor over the subsets of that size is then a bound too (channel by channel), and it stops an
// attempt that lacks the capacity to combine what its heads read: a sum of x and two pointers
// read by sub-MLPs of arity 2. (In two layers, a second-layer sub-MLP reads first-layer ones, and
// the floor takes every slot.)
//
// The premise is that the heads no longer change, and the same heads at two records 100 steps
// apart do not ensure it early in the annealing: count_above5's one head read x[t-1] from step
// 200 to 400 while the soft model gave that read a weight of 0.12 to 0.19 (its family's entropy
// was 0.6 to 0.78 nats, its offset's 1.9), then moved to a prefix aggregate, under which the
// floor fell from 0.40 to 0.12 (0.26 to 0.05 over all three slots). So a record counts only
// when the heads have settled: in the deterministic soft model (softmax of the logits over tau,
// the blend the annealing trains), every head's hard read, the product of the weights of its
// family and of the offset, value and key it uses, has a weight of at least settledWeight (the
// metric heads_settled is the least of them). A model without heads has nothing to settle.
//
// The floor is computed on the records' batch, the one the check's hard loss is measured on, and
// is a bound on that loss, not an estimate: TestInformationFloorBoundsHardLoss checks it along a
// training. It is 0 (no bound) when the tuples are all distinct (real-valued data), and it is
// not computed when a head's read depends on continuous weights (learned scores, a value or key
// written by a sub-MLP, recurrent layers) or the loss is not the squared error.
//
// On an integer task the floor says more: above 0, some positions with the same tuple have
// different targets, so no model with these heads is exact, and no program that reads what
// they read is correct (a program reads what the model's heads read). With give_up_inexact
// (the searches set it) an attempt stops when that holds with the same settled heads for 100
// steps, at any step of its training: before the give-up check, where the bar is a fifth of
// the variance, and after it, where the attempt would train to the end, be evaluated and maybe
// extracted for nothing. Measured on the tables of commit 95f275b (MIPS and extra suites), with
// the rule replayed on their records: of the 307 attempts that trained to the end and gave an
// exact model or a correct program, it stops none; of the 270 that trained to the end with a
// model that is not exact, it stops 79 (the others' floor is 0: their sub-MLPs, not their heads,
// fell short), none of which gave a correct program, and 11 retries of such attempts verified
// nothing. An autoregressive model's records read back the targets (teacher forcing), so its
// floor is that of the reads an exact model would make.

// floorSlots returns the slots whose values at t the hard model's outputs at t may depend on,
// whatever its sub-MLPs and readout choose and learn: the inputs, the position, and the reads of
// heads whose values (and keys) are such slots. Signature names the heads' choices. ok is false
// when a head's read depends on continuous weights (see above): then there is no floor.
// arity is how many of them one output channel can read (0: all; see above).
func (st *Structure) floorSlots(m *Model) (slots []int, signature string, arity int, ok bool) {
	if ParamRecurrent.Get(m.Ctx) || ParamLoss.Get(m.Ctx) != "mse" {
		return nil, "", 0, false
	}
	if ParamLayers.Get(m.Ctx) == 1 {
		arity = 1 // the readout copies a slot
		if ParamMLPs.Get(m.Ctx) > 0 {
			arity = max(arity, ParamArity.Get(m.Ctx))
		}
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
			return nil, "", 0, false
		}
		fixed[h.Slot] = true
		slots = append(slots, h.Slot)
		fmt.Fprintf(&sig, "%s = %s; ", name(h.Slot), h.describe(name))
	}
	return slots, sig.String(), arity, true
}

// informationFloor is the least loss any function of the given slots reaches on a batch: the
// targets' sum of squares about their mean within each group of positions with equal values in
// every slot, averaged as the loss is (positions t >= warmup, every channel). stream is
// [B, T, S] and y [B, T, K], flattened. When each output channel can read at most arity of the
// slots (0: all of them, see floorSlots), the floor of a channel is the least over the
// subsets of that size, whichever the model ends up reading.
func informationFloor(stream []float32, S int, y []float32, K, T, warmup int, slots []int, arity int) float64 {
	if warmup > 0 {
		warmup = min(warmup, T-1) // as maskedMean
	}
	var positions []int
	for p := range len(y) / K {
		if p%T >= warmup {
			positions = append(positions, p)
		}
	}
	if arity <= 0 || arity >= len(slots) {
		return floats.Sum(withinGroups(stream, S, y, K, positions, slots)) / float64(max(len(positions)*K, 1))
	}
	least := make([]float64, K)
	for i := range least {
		least[i] = math.Inf(1)
	}
	for subset := range subsets(slots, arity) {
		for k, w := range withinGroups(stream, S, y, K, positions, subset) {
			least[k] = min(least[k], w)
		}
	}
	return floats.Sum(least) / float64(max(len(positions)*K, 1))
}

// withinGroups returns, for each output channel, the targets' sum of squares about their mean
// within the groups of the given positions that have equal values in every slot. It sorts the
// positions by their tuples (bit patterns: a split of equal values, as -0 and 0, only lowers the
// bound) and takes the groups as runs (groupOrder).
func withinGroups(stream []float32, S int, y []float32, K int, positions, slots []int) []float64 {
	order := groupOrder(stream, S, positions, slots)
	within := make([]float64, K)
	for start, end := 0, 0; start < len(order); start = end {
		for end = start + 1; end < len(order) && order[end].same; end++ {
		}
		group := order[start:end]
		for k := range K {
			var mean float64
			for _, g := range group {
				mean += float64(y[g.p*K+k])
			}
			mean /= float64(len(group))
			for _, g := range group {
				d := float64(y[g.p*K+k]) - mean
				within[k] += d * d
			}
		}
	}
	return within
}

// grouped is a position in the order of withinGroups, and whether its tuple equals the one
// before it.
type grouped struct {
	p    int
	same bool
}

// groupOrder sorts the positions by the bit patterns of their values in the slots.
//
// The tuples are copied out of the stream first, so that a comparison reads them together
// instead of gathering values across the stream (the sort was nine tenths of the floor;
// BenchmarkInformationFloor): up to two slots packed in one integer, sorted through an index
// (moving the keys with their positions measured no faster), three or four in two integers that
// travel with their position (twoWordOrder), more as rows of a side table. Each comparison gives
// the outcome that comparing the tuples value by value gives, and pdqsort's moves depend only
// on those outcomes, so the order, ties included, is the same in every case
// (TestWithinGroupsOrder).
func groupOrder(stream []float32, S int, positions, slots []int) []grouped {
	n, w := len(positions), len(slots)
	if w > 2 && w <= 4 {
		return twoWordOrder(stream, S, positions, slots)
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	var equal func(i, j int) bool
	if w <= 2 {
		keys := make([]uint64, n)
		for i, p := range positions {
			for _, s := range slots {
				keys[i] = keys[i]<<32 | uint64(math.Float32bits(stream[p*S+s]))
			}
		}
		slices.SortFunc(idx, func(i, j int) int { return cmp.Compare(keys[i], keys[j]) })
		equal = func(i, j int) bool { return keys[i] == keys[j] }
	} else {
		rows := make([]uint32, n*w)
		for i, p := range positions {
			for k, s := range slots {
				rows[i*w+k] = math.Float32bits(stream[p*S+s])
			}
		}
		slices.SortFunc(idx, func(i, j int) int { return slices.Compare(rows[i*w:i*w+w], rows[j*w:j*w+w]) })
		equal = func(i, j int) bool { return slices.Equal(rows[i*w:i*w+w], rows[j*w:j*w+w]) }
	}
	order := make([]grouped, n)
	for k, i := range idx {
		order[k] = grouped{p: positions[i], same: k > 0 && equal(idx[k-1], i)}
	}
	return order
}

// twoWords is a position with its tuple of three or four values packed two to a word, the
// first of each pair in the high half (so that the words' order is the tuple's order; a missing
// fourth value is 0).
type twoWords struct {
	hi, lo uint64
	p      int
}

func (a twoWords) compare(b twoWords) int {
	if c := cmp.Compare(a.hi, b.hi); c != 0 {
		return c
	}
	return cmp.Compare(a.lo, b.lo)
}

// twoWordOrder is groupOrder for three or four slots.
func twoWordOrder(stream []float32, S int, positions, slots []int) []grouped {
	tuples := make([]twoWords, len(positions))
	for i, p := range positions {
		var k [2]uint64
		for j, s := range slots {
			k[j/2] |= uint64(math.Float32bits(stream[p*S+s])) << (32 * (1 - j%2))
		}
		tuples[i] = twoWords{hi: k[0], lo: k[1], p: p}
	}
	slices.SortFunc(tuples, twoWords.compare)
	order := make([]grouped, len(tuples))
	for k, t := range tuples {
		order[k] = grouped{p: t.p, same: k > 0 && t.compare(tuples[k-1]) == 0}
	}
	return order
}

// subsets yields every subset of n of the slots, in order (the slice is reused).
func subsets(slots []int, n int) func(yield func([]int) bool) {
	return func(yield func([]int) bool) {
		chosen := make([]int, 0, n)
		var walk func(from int) bool
		walk = func(from int) bool {
			if len(chosen) == n {
				return yield(chosen)
			}
			for i := from; i <= len(slots)-(n-len(chosen)); i++ {
				chosen = append(chosen, slots[i])
				if !walk(i + 1) {
					return false
				}
				chosen = chosen[:len(chosen)-1]
			}
			return true
		}
		walk(0)
	}
}

// headsSettled is the least weight, over the heads, that the soft model gives a head's hard
// read: the product of the weights of its family and of its offset, value and key where its
// family uses them. weights holds each group of the heads' choices (name: the scope and
// "family", "offset", "value", "key_FAMILY"), flattened [heads, options]; a missing group
// counts as unsettled (0).
func (st *Structure) headsSettled(weights map[string][]float32, families []string) float64 {
	perLayer := map[int]int{}
	for _, h := range st.Heads {
		perLayer[h.Layer]++
	}
	weight := func(h Head, group string, option int) float64 {
		w := weights[fmt.Sprintf("/layer%d/attention/%s", h.Layer, group)]
		n := len(w) / max(perLayer[h.Layer], 1)
		if option < 0 || option >= n {
			return 0
		}
		return float64(w[h.Index*n+option])
	}
	least := 1.0
	for _, h := range st.Heads {
		p := weight(h, "family", slices.Index(families, h.Family)) * weight(h, "value", h.Value)
		switch h.Family {
		case FamilyPrevious:
			p *= weight(h, "offset", h.Offset-1)
		case FamilyArgMax, FamilyArgMin, FamilyEqual:
			p *= weight(h, "key_"+h.Family, h.Key)
		}
		least = min(least, p)
	}
	return least
}

// floorWatch follows the floor along the records of a training and says when to give up.
type floorWatch struct {
	bar       float64 // give_up_floor
	signature string  // of the heads since since
	since     int     // the first step of the records in a row with these heads and the floor above the bar (0: none)
}

// update takes a record's step, floor (nil: none), heads (their signature, "" for none) and
// their settledness, and reports whether the attempt cannot pass the give-up check unless its
// heads change: the floor above the bar with the same settled heads for floorSteadySteps, or at
// all for a model without heads.
func (w *floorWatch) update(step int, floor *float64, signature string, settled float64) bool {
	if w.bar <= 0 || floor == nil || *floor <= w.bar || settled < settledWeight {
		w.since = 0
		return false
	}
	if w.since == 0 || signature != w.signature {
		w.since, w.signature = step, signature
	}
	return step-w.since >= floorSteadySteps || signature == ""
}

// floorReads names what the floor rests on, for the give-up message.
func floorReads(heads string) string {
	if heads == "" {
		return "the inputs and the position alone (no heads)"
	}
	return "the heads [" + strings.TrimSuffix(heads, "; ") + "]"
}

// floorMemo remembers the last floor a recorder computed, with the values it was computed
// from. The floor is a function of the values of its slots on the records' batch (and of the
// batch's targets, which do not change), and those values change only when a head's choice
// does: the inputs and the position are the batch's, and a head's read is a fixed function of
// them once its family, offset, value and key are chosen. Heads settle early, so most records
// of a training ask again for the floor of the same values; the sorts of every subset of the
// slots were half of a record's time (bench/speed.md). A record whose slots hold the same bit
// patterns as the last computed ones gets the same number, since it would compute it from the
// same inputs in the same order.
type floorMemo struct {
	values []uint32 // bit patterns of the slots' values, position by position
	slots  []int
	arity  int
	last   float64
}

// floor returns informationFloor of the arguments, reusing the last result when the slots'
// values, the slots and the arity are those of the last call (the targets, warmup and shapes
// are a recorder's own and do not change).
func (fm *floorMemo) floor(stream []float32, S int, y []float32, K, T, warmup int, slots []int, arity int) float64 {
	values := make([]uint32, 0, len(stream)/S*len(slots))
	for p := range len(stream) / S {
		for _, s := range slots {
			values = append(values, math.Float32bits(stream[p*S+s]))
		}
	}
	if fm.values != nil && arity == fm.arity && slices.Equal(slots, fm.slots) && slices.Equal(values, fm.values) {
		return fm.last
	}
	f := informationFloor(stream, S, y, K, T, warmup, slots, arity)
	fm.values, fm.slots, fm.arity, fm.last = values, slices.Clone(slots), arity, f
	return f
}
