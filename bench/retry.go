package bench

import (
	"fmt"
	"sort"

	"github.com/discretetransformer/w2c/dt"
)

// Retries of near misses.
//
// A rung's discrete choices (the pointer each head takes, the slots each sub-MLP reads) are made
// during annealing, from the random initialization, and one wrong choice is final: the hard
// phase only tunes the sub-MLPs. Running range (the largest minus the smallest input so far)
// trained the content rung into x[argmax] − x[t-2] instead of x[argmax] − x[argmin]: the rung
// could express the task, and a fresh initialization is what it needed, not more capacity.
//
// So when the ladder ends without a program verified on the selection data, the search tries
// again, each with a fresh seed (new initialization and new data), the attempts that came close:
// those whose hard model, when training ended, explained at least 1 − GiveUp of the targets'
// variance (the give-up check's own bar) without being verified. A model that far off the
// targets at the give-up check lacks capacity rather than luck, and retrying it would cost as
// much as the attempt did for little chance. The closest are retried first (by score), at most
// Retries of them, and the search stops at the first verified one; a retry's attempt has its own
// folder (ARCH.retry1) and competes with the ladder's attempts for the outcome like any other.
// When there are fewer near misses than Retries, the one left over retries the closest again
// (ARCH.retry2) with another seed and twice the steps (see longerRetry).

// DefaultRetries is the number of near misses a search retries when Options.Retries is 0.
const DefaultRetries = 2

// retrySeedStride separates a retry's seed from the suite's seeds (1, 2, 3, ...): retry k of
// seed s trains with seed s + k·retrySeedStride.
const retrySeedStride = 1000

// retries is the number of near misses the search retries (Options.Retries, where 0 means
// DefaultRetries and a negative number none).
func (o Options) retries() int {
	switch {
	case o.Retries < 0:
		return 0
	case o.Retries == 0:
		return DefaultRetries
	}
	return o.Retries
}

// nearMiss reports whether an attempt is worth retrying with a fresh seed: its model trained
// and came within the give-up bar of the targets, but its program was not verified. That
// includes exact models whose extraction failed: the failure may be extraction's (no formula
// for what a sub-MLP computes, which a fresh seed leaves as it was: alternating_last4's a6_window
// before finite-domain synthesis), but it may also be the decomposition annealing chose, which a
// fresh seed chooses again. evens_counter's a8_l2_mod: of 11 exact models (seeds 1 to 8 at
// commits 05daf41 and 25acc52), 3 compute x mod 2 in the first layer, count it with the
// second's prefix sum and extract; the other 8 let a first-layer sub-MLP read x with a prefix
// sum or the position and write something no formula fits (the second layer compensates).
func nearMiss(a Attempt) bool {
	return a.Trained && !a.Verified && a.HardRelativeMSE <= GiveUp
}

// retryRung is the rung of the k-th retry of arch (k = 1, 2, ...): the same settings, in its
// own folder.
func retryRung(arch Arch, k int) Arch {
	return Arch{Name: fmt.Sprintf("%s.retry%d", arch.Name, k), Settings: arch.Settings}
}

// retrySeed is the seed of the k-th retry of a search with the given seed.
func retrySeed(seed int64, k int) int64 {
	return seed + int64(k)*retrySeedStride
}

// retryPlan returns the retries to run after the ladder's attempts, closest first: at most n
// near misses, each once (retry 1, a fresh seed); when there are fewer near misses than n, the
// closest one once more (retry 2) with another fresh seed and twice the steps (longerRetry).
func retryPlan(attempts []Attempt, ladder []Arch, n int) []retry {
	var misses []Attempt
	for _, a := range attempts {
		if nearMiss(a) {
			misses = append(misses, a)
		}
	}
	sort.SliceStable(misses, func(i, j int) bool { return misses[i].score() > misses[j].score() })
	var rungs []Arch
	for _, a := range misses {
		if arch, ok := rungOf(a, ladder); ok && len(rungs) < n {
			rungs = append(rungs, arch)
		}
	}
	var plan []retry
	for _, arch := range rungs {
		plan = append(plan, retry{retryRung(arch, 1), 1})
	}
	if len(rungs) > 0 && len(rungs) < n {
		longer := retryRung(rungs[0], 2)
		longer.Settings += ";" + longerRetry
		plan = append(plan, retry{longer, 2})
	}
	return plan
}

// retry is one retry of the plan: the rung (its folder and settings) and its number k, which
// sets its seed (retrySeed).
type retry struct {
	arch Arch
	k    int
}

// rungOf returns the rung of the ladder that made attempt a.
func rungOf(a Attempt, ladder []Arch) (Arch, bool) {
	for _, arch := range ladder {
		if arch.Name == a.Arch {
			return arch, true
		}
	}
	return Arch{}, false
}

// longerRetry is what the second retry of a near miss adds to its rung's settings: twice the
// default steps, with the same schedule stretched over them (annealing and the hard phase are
// fractions of the steps). Why: a near miss fails in one of two ways. Its discrete choices may
// be wrong (a fresh seed is the remedy, retry 1), or its choices are right and the sub-MLPs have
// not reached exact values when training ends: a ReLU network writes (a + b + carry) mod 7 with
// more breakpoints than mod 3, and the hard phase tunes them slowly. Measured on
// base_7_addition's a10_ar_2d: with 2,000 steps 0 of 6 seeds (1, 2, 3, 1001, 1002, 1003) gave an
// exact model; with 4,000 steps seeds 1, 3 and 1002 did, and 2001 (a second retry's seed of seed
// 1). It is paid only by searches whose ladder and first retries verified nothing. A user's
// -set steps=N still overrides it (it comes last).
var longerRetry = fmt.Sprintf("steps=%d", 2*dt.ParamSteps.Default)
