package extra

import "github.com/discretetransformer/w2c/task"

// Tasks returns the extra tasks, grouped by kind in the order of the package documentation.
// Each call returns new values, which the caller may modify.
func Tasks() []*task.Task {
	return []*task.Task{
		// windowed extremes
		MaxLast3(), MinLast2(), MaxLast2Real(),
		// thresholds and counts
		Above5(), CountAbove5(), SumPassed20(), SumCrosses20(),
		// products and ratios
		ProdPrev(), SignProdPrev(), ProdPrevReal(), HalfFloor(), ThirdFloor(),
		// comparisons and signs
		Sign(), GreaterPrev(), SignChange(),
		// conditional selection
		PrevIfOdd(), LastNonzero(),
		// running statistics
		RangeSeen(), MeanFloor(), MeanRound(),
		// linear combinations of channels with lags
		APlus2BPrev(), AMinusBPlusCLag2(),
		// residues mixed with sums
		SumPrevMod3(), PairSumMod4(),
		// two outputs
		MinMaxSeen(), Prev2Prev1(), SumDiff(),
		// real-valued filters and maps
		EMAHalf(), BlendPrev(), ClipHalf(),
	}
}
